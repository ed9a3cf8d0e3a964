using System.Reflection;
using System.Reflection.Emit;

namespace Analytics.Tests.Architecture;

/// <summary>
/// The types a compiled type uses: its base and interfaces, the types of its fields, parameters, results and
/// locals, and every type, method and field its method bodies name (read from the IL). Compiler-made types
/// (lambdas, iterators, async state machines) are nested in the type whose code they hold, so they count for it.
/// What the compiler copies instead of referencing (a const's value, nameof) leaves no trace and is not seen.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static HashSet<Type> Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var found = new HashSet<Type>();
        Add(found, type.BaseType);
        foreach (var contract in type.GetInterfaces())
        {
            Add(found, contract);
        }

        foreach (var field in type.GetFields(Declared))
        {
            Add(found, field.FieldType);
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo { ReturnType: var result })
            {
                Add(found, result);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(found, parameter.ParameterType);
            }

            if (method.GetMethodBody() is not { } body)
            {
                continue;
            }

            foreach (var local in body.LocalVariables)
            {
                Add(found, local.LocalType);
            }

            foreach (var member in Named(method, body.GetILAsByteArray() ?? []))
            {
                Add(found, member as Type ?? member.DeclaringType);
                if (member is MethodInfo { IsGenericMethod: true } generic)
                {
                    foreach (var argument in generic.GetGenericArguments())
                    {
                        Add(found, argument);
                    }
                }
            }
        }

        return found;
    }

    private static void Add(HashSet<Type> found, Type? type)
    {
        if (type is null || type.IsGenericParameter || type.IsFunctionPointer)
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(found, type.GetElementType());
            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            Add(found, type.GetGenericTypeDefinition());
            foreach (var argument in type.GetGenericArguments())
            {
                Add(found, argument);
            }

            return;
        }

        found.Add(type);
    }

    /// <summary>The members a method body names through metadata tokens (calls, field access, new, casts, typeof).</summary>
    private static List<MemberInfo> Named(MethodBase method, byte[] il)
    {
        var members = new List<MemberInfo>();
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var value = (short)il[i++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[i++]));
            }

            var operand = OpCodesByValue[value].OperandType;
            switch (operand)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    try
                    {
                        if (method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments) is { } member)
                        {
                            members.Add(member);
                        }
                    }
                    catch (ArgumentException)
                    {
                        // A token reflection cannot resolve in this context names nothing of ours.
                    }

                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                default:
                    i += Size(operand);
                    break;
            }
        }

        return members;
    }

    private static int Size(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
