using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;

namespace Analytics.ReportApi.Cli;

/// <summary>
/// List, array, struct and map values as <c>analytics query</c> prints them: read so that a NULL inside a list is
/// kept, and written as DuckDB writes them when it casts them to text (<c>[a, b c, NULL]</c>, <c>{'x': 1}</c>,
/// <c>{k=1}</c>), so what a user sees is what DuckDB shows and what the same SQL would give cast to varchar.
/// </summary>
internal static class NestedText
{
    public static bool IsNested(object? value) => value is IDictionary || (value is IList && value is not byte[]);

    /// <summary>
    /// Column <paramref name="ordinal"/> of the current row. DuckDB.NET reads an INTEGER[] as List&lt;int&gt; and
    /// fails on a NULL element, so a nested column is read with every value-typed element made nullable.
    /// </summary>
    public static object Read(DbDataReader reader, int ordinal)
    {
        var type = reader.GetFieldType(ordinal);
        if (!type.IsGenericType || reader.IsDBNull(ordinal))
        {
            return reader.GetValue(ordinal);
        }

        var read = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!.MakeGenericMethod(WithNullableElements(type));
        try
        {
            return read.Invoke(reader, [ordinal])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static Type WithNullableElements(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() != typeof(Nullable<>))
        {
            var definition = type.GetGenericTypeDefinition();

            // A map's keys are never NULL; its values and a list's elements may be.
            var arguments = type.GetGenericArguments()
                .Select((argument, i) => definition == typeof(Dictionary<,>) && i == 0 ? argument : WithNullableElements(argument))
                .ToArray();
            return definition.MakeGenericType(arguments);
        }

        return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? typeof(Nullable<>).MakeGenericType(type) : type;
    }

    public static string Write(object value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                text.Append("NULL");
                break;
            case IDictionary map when IsStruct(map):
                // A struct: DuckDB.NET gives it as Dictionary<string, object>; DuckDB quotes every field name.
                text.Append('{');
                var separator = "";
                foreach (DictionaryEntry entry in map)
                {
                    text.Append(separator).Append('\'').Append(Escaped((string)entry.Key)).Append("': ");
                    Append(text, entry.Value);
                    separator = ", ";
                }

                text.Append('}');
                break;
            case IDictionary map:
                text.Append('{');
                var between = "";
                foreach (DictionaryEntry entry in map)
                {
                    text.Append(between);
                    Append(text, entry.Key);
                    text.Append('=');
                    Append(text, entry.Value);
                    between = ", ";
                }

                text.Append('}');
                break;
            case IList list when value is not byte[]:
                text.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    text.Append(i > 0 ? ", " : "");
                    Append(text, list[i]);
                }

                text.Append(']');
                break;
            default:
                text.Append(Quoted(Scalar(value)));
                break;
        }
    }

    private static bool IsStruct(IDictionary map) =>
        map.GetType().GetGenericArguments() is [var key, var element] && key == typeof(string) && element == typeof(object);

    /// <summary>DuckDB quotes an element that could not be read back as written: empty, NULL, edged by space, or holding a delimiter.</summary>
    private static string Quoted(string s) =>
        s.Length == 0 || s.Equals("null", StringComparison.OrdinalIgnoreCase) || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1])
        || s.IndexOfAny([',', '\'', '"', '[', ']', '{', '}', '(', ')', ':', '=']) >= 0
            ? "'" + Escaped(s) + "'"
            : s;

    private static string Escaped(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        double x => Floating(x.ToString("R", CultureInfo.InvariantCulture)),
        float x => Floating(x.ToString("R", CultureInfo.InvariantCulture)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>DuckDB's shortest form: 1.0 for a whole number, and scientific (1e+20) from 17 digits on.</summary>
    private static string Floating(string text)
    {
        if (text.Contains('E', StringComparison.Ordinal))
        {
            return text.Replace("E", "e", StringComparison.Ordinal);
        }

        if (text.Contains('.', StringComparison.Ordinal) || !char.IsDigit(text[^1]))
        {
            return text;
        }

        var sign = text[0] == '-' ? "-" : "";
        var digits = text.TrimStart('-');
        if (digits.Length < 17)
        {
            return text + ".0";
        }

        var mantissa = digits.TrimEnd('0');
        return sign + mantissa[0] + (mantissa.Length > 1 ? "." + mantissa[1..] : "") + "e+" + (digits.Length - 1).ToString(CultureInfo.InvariantCulture);
    }
}
