using System.Globalization;
using Analytics.Warehouse;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Analytics.ReportApi.OData;

/// <summary>
/// Translates a parsed OData expression into a DuckDB SQL expression over the columns of one relation, with every
/// literal bound as a parameter. OData's null rules are kept: eq matches two nulls, ne matches nulls, a comparison
/// with null is false (also under not). "Positive" marks a place where a null result is as good as false (a WHERE
/// clause, through and/or); there plain comparisons keep DuckDB's filter push-down. Any node kind or function
/// not handled here is refused with 501, never dropped.
/// </summary>
/// <param name="related">the set whose rows the expression reads, for any/all and navigation paths; null refuses both.</param>
/// <param name="variable">inside an any/all: the lambda's variable, whose properties are the related rows' columns under <paramref name="alias"/>.</param>
internal sealed class ExpressionTranslator(IReadOnlyDictionary<string, RelationColumn> columns, SqlParameters parameters, NodeBudget budget, ODataLimits limits,
    RelatedScope? related = null, string? variable = null, string? alias = null)
{
    private int _paths;

    public string Filter(SingleValueNode node) => Translate(node, positive: true);

    public string Value(SingleValueNode node) => Translate(node, positive: false);

    private string Translate(SingleValueNode node, bool positive)
    {
        budget.Spend();
        return node switch
        {
            ConstantNode constant => Constant(constant.Value),
            SingleValuePropertyAccessNode property when property.Source is ResourceRangeVariableReferenceNode source => Column(property.Property.Name, source),
            SingleValuePropertyAccessNode { Source: SingleNavigationNode navigation } property => Related(navigation, property.Property.Name),
            SingleValueOpenPropertyAccessNode open when open.Source is ResourceRangeVariableReferenceNode source => Column(open.Name, source),
            AnyNode any => Lambda(any.Source, any.Body, any.CurrentRangeVariable, all: false),
            AllNode all => Lambda(all.Source, all.Body, all.CurrentRangeVariable, all: true),
            ConvertNode convert => Convert(convert, positive),
            BinaryOperatorNode binary => Binary(binary, positive),
            UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => $"(not {Translate(not.Operand, positive: false)})",
            UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Negate } negate => $"(-{Translate(negate.Operand, positive: false)})",
            SingleValueFunctionCallNode function => Function(function, positive),
            InNode @in => In(@in, positive),
            SingleValuePropertyAccessNode or SingleValueOpenPropertyAccessNode =>
                throw ODataProblem.NotImplemented("Properties are read from the entity itself or through single-valued navigations (Account/Region); use any() for collections."),
            _ => throw ODataProblem.NotImplemented($"Expressions of kind {node.Kind} are not supported."),
        };
    }

    public string Column(string name) =>
        columns.TryGetValue(name, out var column)
            ? alias is null ? column.Sql : $"{alias}.{column.Sql}"
            : throw ODataProblem.BadRequest($"There is no property '{name}' here.");

    private string Column(string name, ResourceRangeVariableReferenceNode source) =>
        variable is null || source.Name == variable
            ? Column(name)
            : throw ODataProblem.NotImplemented("Inside any or all, only the lambda's own variable may be used (not $it).");

    // any: some related row satisfies the body; all: no related row fails it (a null body counts as failing, as OData
    // says all is true only where the body is true for every member). The related rows are read through the scope.
    private string Lambda(CollectionNode source, SingleValueNode body, RangeVariable? lambdaVariable, bool all)
    {
        if (related is not { Lambdas: true } lambdas)
        {
            throw ODataProblem.NotImplemented("any and all are supported in $filter and $orderby of an entity set, not nested or after $apply.");
        }

        if (source is not CollectionNavigationNode { Source: ResourceRangeVariableReferenceNode } navigation)
        {
            throw ODataProblem.NotImplemented("any and all are supported over a navigation of the entity itself, as in Lines/any(l: l/Quantity gt 1).");
        }

        var definition = lambdas.Model.Navigation(lambdas.Set.Name, navigation.NavigationProperty.Name);
        var target = lambdas.Model.Sets[definition.Target];
        var rows = Relation.Of(target, lambdas.Scope);
        // any() has no variable (and a body of true). Inside, paths may start from the variable, not nested lambdas.
        var inner = new ExpressionTranslator(rows.ByName, parameters, budget, limits, new RelatedScope(lambdas.Model, target, lambdas.Scope, "related", Lambdas: false),
            lambdaVariable?.Name ?? "", "related");
        var join = $"related.{Analytics.Warehouse.SqlExtensions.Identifier(WarehouseModelBuilder.PropertyName(definition.TargetColumn))}"
            + $" = {lambdas.OuterAlias}.{Analytics.Warehouse.SqlExtensions.Identifier(WarehouseModelBuilder.PropertyName(definition.SourceColumn))}";
        var predicate = inner.Filter(body);
        return all
            ? $"(not exists (select 1 from ({rows.Sql}) related where {join} and not coalesce({predicate}, false)))"
            : $"exists (select 1 from ({rows.Sql}) related where {join} and ({predicate}))";
    }

    /// <summary>
    /// A property of the entity a single-valued navigation path leads to (Account/Region, Order/Account/Tier): a
    /// scalar subquery per step over the related set as the scope reads it, so a related entity the scope may not see
    /// reads as null, a masked contact field as null, and a set the role may not read is refused (403).
    /// </summary>
    private string Related(SingleNavigationNode navigation, string property)
    {
        // After groupby((Account/Region),...) the path names a grouped column.
        if (columns.ContainsKey(Path(navigation) + property))
        {
            return Column(Path(navigation) + property);
        }

        if (related is null)
        {
            throw ODataProblem.NotImplemented("Navigation paths (Account/Region) are supported in $filter, $orderby and $apply of an entity set, and after a groupby on them.");
        }

        return Follow(navigation)(property);
    }

    private static string Path(SingleNavigationNode navigation) =>
        (navigation.Source is SingleNavigationNode parent ? Path(parent) : "") + navigation.NavigationProperty.Name + "/";

    /// <summary>How to read a property of the entity a path leads to, for the outer row.</summary>
    private Func<string, string> Follow(SingleNavigationNode navigation) => Follow(navigation, out _);

    private Func<string, string> Follow(SingleNavigationNode navigation, out ODataSet target)
    {
        budget.Spend();
        ODataSet parentSet;
        Func<string, string> parentValue;
        switch (navigation.Source)
        {
            case ResourceRangeVariableReferenceNode source when variable is null || source.Name == variable:
                parentSet = related!.Set;
                parentValue = name => columns.TryGetValue(name, out var own)
                    ? $"{related.OuterAlias}.{own.Sql}"
                    : throw ODataProblem.BadRequest($"There is no property '{name}' here.");
                break;
            case SingleNavigationNode parent:
                parentValue = Follow(parent, out parentSet);
                break;
            default:
                throw ODataProblem.NotImplemented("A navigation path starts at the entity itself (or, inside any or all, at the lambda's variable).");
        }

        var definition = related!.Model.Navigation(parentSet.Name, navigation.NavigationProperty.Name);
        var reached = related.Model.Sets[definition.Target];
        target = reached;
        var rows = Relation.Of(reached, related.Scope);
        var alias = $"path{_paths++}";
        var link = parentValue(WarehouseModelBuilder.PropertyName(definition.SourceColumn));
        var key = SqlExtensions.Identifier(WarehouseModelBuilder.PropertyName(definition.TargetColumn));
        return name => rows.ByName.TryGetValue(name, out var column)
            ? $"(select {alias}.{column.Sql} from ({rows.Sql}) {alias} where {alias}.{key} = {link})"
            : throw ODataProblem.BadRequest($"{reached.Name} has no property '{name}'.");
    }

    private string Constant(object? value) => value switch
    {
        null => "NULL",
        string or bool or int or long or short or byte or sbyte or decimal or double or float => parameters.Add(value),
        Guid guid => parameters.Add(guid.ToString()),
        Date date => $"cast({parameters.Add(date.ToString())} as date)",
        DateOnly date => $"cast({parameters.Add(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))} as date)",
        DateTimeOffset instant => $"cast({parameters.Add(instant.ToString("o", CultureInfo.InvariantCulture))} as timestamptz)",
        TimeOfDay time => $"cast({parameters.Add(time.ToString())} as time)",
        TimeOnly time => $"cast({parameters.Add(time.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture))} as time)",
        TimeSpan duration => $"to_microseconds({parameters.Add(duration.Ticks / TimeSpan.TicksPerMicrosecond)})",
        _ => throw ODataProblem.NotImplemented($"Literals of type {value.GetType().Name} are not supported."),
    };

    private string Convert(ConvertNode convert, bool positive)
    {
        if (convert.Source is ConstantNode { Value: null })
        {
            return "NULL";
        }

        var inner = Translate(convert.Source, positive);
        return convert.TypeReference?.AsPrimitiveOrNull()?.PrimitiveKind() switch
        {
            EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Single => $"cast({inner} as double)",
            EdmPrimitiveTypeKind.Date => $"cast({inner} as date)",
            EdmPrimitiveTypeKind.DateTimeOffset => $"cast({inner} as timestamptz)",
            EdmPrimitiveTypeKind.String => $"cast({inner} as varchar)",
            // Integers and decimals widen implicitly in DuckDB, exactly; a cast would only fix a precision.
            _ => inner,
        };
    }

    private string Binary(BinaryOperatorNode node, bool positive)
    {
        switch (node.OperatorKind)
        {
            case BinaryOperatorKind.And:
                return $"({Translate(node.Left, positive)} and {Translate(node.Right, positive)})";
            case BinaryOperatorKind.Or:
                return $"({Translate(node.Left, positive)} or {Translate(node.Right, positive)})";
            case BinaryOperatorKind.Has:
                throw ODataProblem.NotImplemented("The has operator is not supported (there are no enumerations).");
        }

        var leftNull = IsNull(node.Left);
        var rightNull = IsNull(node.Right);
        var left = Translate(node.Left, positive: false);
        var right = Translate(node.Right, positive: false);
        var againstLiteral = IsLiteral(node.Left) || IsLiteral(node.Right);
        return node.OperatorKind switch
        {
            BinaryOperatorKind.Equal when leftNull && rightNull => "true",
            BinaryOperatorKind.Equal when rightNull => $"({left} is null)",
            BinaryOperatorKind.Equal when leftNull => $"({right} is null)",
            BinaryOperatorKind.Equal when positive && againstLiteral => $"({left} = {right})",
            BinaryOperatorKind.Equal => $"({left} is not distinct from {right})",
            BinaryOperatorKind.NotEqual when leftNull && rightNull => "false",
            BinaryOperatorKind.NotEqual when rightNull => $"({left} is not null)",
            BinaryOperatorKind.NotEqual when leftNull => $"({right} is not null)",
            BinaryOperatorKind.NotEqual => $"({left} is distinct from {right})",
            BinaryOperatorKind.GreaterThan => Comparison(left, ">", right, positive, leftNull || rightNull),
            BinaryOperatorKind.GreaterThanOrEqual => Comparison(left, ">=", right, positive, leftNull || rightNull),
            BinaryOperatorKind.LessThan => Comparison(left, "<", right, positive, leftNull || rightNull),
            BinaryOperatorKind.LessThanOrEqual => Comparison(left, "<=", right, positive, leftNull || rightNull),
            BinaryOperatorKind.Add => Arithmetic(node, left, "+", right),
            BinaryOperatorKind.Subtract => Arithmetic(node, left, "-", right),
            BinaryOperatorKind.Multiply => Arithmetic(node, left, "*", right),
            BinaryOperatorKind.Divide => Arithmetic(node, left, IsIntegral(node.TypeReference) ? "//" : "/", NonZero(node.Right, right)),
            BinaryOperatorKind.Modulo => Arithmetic(node, left, "%", NonZero(node.Right, right)),
            _ => throw ODataProblem.NotImplemented($"The operator {node.OperatorKind} is not supported."),
        };
    }

    /// <summary>
    /// A divisor that is never zero: DuckDB answers null for a division by zero, which a filter would take as "no
    /// match" (and `ne` as a match), so rows would come back for a question that has no answer. A literal zero is
    /// refused at once; a computed one stops the query with DuckDB's error(), a 400.
    /// </summary>
    private static string NonZero(SingleValueNode node, string divisor)
    {
        var literal = node is ConvertNode convert ? convert.Source : node;
        if (literal is ConstantNode { Value: var value })
        {
            var zero = value switch
            {
                double d => d == 0,
                float f => f == 0,
                int or long or short or byte or sbyte or decimal => System.Convert.ToDecimal(value, CultureInfo.InvariantCulture) == 0,
                _ => false,
            };
            return zero
                ? throw ODataProblem.Limit("DivisionByZero", "Division by zero (div or mod 0): the expression has no value.")
                : divisor;
        }

        return $"(case when {divisor} = 0 then error('Division by zero in $filter, $orderby or $apply: the expression has no value.') else {divisor} end)";
    }

    private static string Comparison(string left, string op, string right, bool positive, bool withNull) =>
        withNull ? "false" : positive ? $"({left} {op} {right})" : $"coalesce({left} {op} {right}, false)";

    private static string Arithmetic(BinaryOperatorNode node, string left, string op, string right)
    {
        var (leftKind, rightKind) = (Kind(node.Left.TypeReference), Kind(node.Right.TypeReference));
        // A day or an instant moved by a duration: OrderDate add duration'P30D', OpenedAt sub duration'PT8H'.
        var moved = op is "+" or "-" && IsInstant(leftKind) && rightKind == EdmPrimitiveTypeKind.Duration
            || op == "+" && leftKind == EdmPrimitiveTypeKind.Duration && IsInstant(rightKind);
        // The time between two of them, a duration: FirstResponseAt sub OpenedAt gt duration'PT1H'. DuckDB gives
        // days between two dates as a number, so those become a duration of days.
        var between = op == "-" && IsInstant(leftKind) && leftKind == rightKind;
        if (!moved && !between && (!IsNumeric(node.Left.TypeReference) || !IsNumeric(node.Right.TypeReference)))
        {
            throw ODataProblem.NotImplemented("Arithmetic is supported on numbers, on a date or a time stamp plus or minus a duration, and on the time between two.");
        }

        return between && leftKind == EdmPrimitiveTypeKind.Date ? $"to_days({left} - {right})" : $"({left} {op} {right})";
    }

    private static EdmPrimitiveTypeKind? Kind(IEdmTypeReference? type) => type?.AsPrimitiveOrNull()?.PrimitiveKind();

    private static bool IsInstant(EdmPrimitiveTypeKind? kind) => kind is EdmPrimitiveTypeKind.Date or EdmPrimitiveTypeKind.DateTimeOffset;

    private string In(InNode node, bool positive)
    {
        if (node.Right is not CollectionConstantNode list)
        {
            throw ODataProblem.NotImplemented("'in' is supported with a list of literals only.");
        }

        if (list.Collection.Count > limits.MaxInValues)
        {
            throw ODataProblem.Limit("TooManyValues", $"An 'in' list may hold at most {limits.MaxInValues} values.");
        }

        var left = Translate(node.Left, positive: false);
        var values = list.Collection.Where(c => c.Value is not null).Select(c => { budget.Spend(); return Constant(c.Value); }).ToList();
        var orNull = list.Collection.Any(c => c.Value is null) ? $" or {left} is null" : "";
        var membership = values.Count == 0 ? "false" : $"{left} in ({string.Join(", ", values)})";
        return positive || orNull.Length > 0 ? $"({membership}{orNull})" : $"coalesce({membership}, false)";
    }

    private string Function(SingleValueFunctionCallNode node, bool positive)
    {
        var args = node.Parameters.Select(p => p as SingleValueNode
            ?? throw ODataProblem.NotImplemented($"The function {node.Name} is supported with single values only.")).ToList();
        string Arg(int i) => Translate(args[i], positive: false);
        string Boolean(string sql) => positive ? sql : $"coalesce({sql}, false)";
        if (node.Name == "cast" && args is [var value, ConstantNode { Value: string typeName }])
        {
            // OData: a value that does not convert casts to null.
            return $"try_cast({Translate(value, positive: false)} as {CastType(typeName)})";
        }

        return (node.Name, args.Count) switch
        {
            ("contains", 2) => Boolean(Like(Arg(0), args[1], "%", "%")),
            ("startswith", 2) => Boolean(Like(Arg(0), args[1], "", "%")),
            ("endswith", 2) => Boolean(Like(Arg(0), args[1], "%", "")),
            ("tolower", 1) => $"lower({Arg(0)})",
            ("toupper", 1) => $"upper({Arg(0)})",
            ("trim", 1) => $"trim({Arg(0)})",
            ("length", 1) => $"length({Arg(0)})",
            // OData counts from 0 and answers -1 when absent; DuckDB counts from 1 and answers 0.
            ("indexof", 2) => $"(instr({Arg(0)}, {Arg(1)}) - 1)",
            ("substring", 2) => $"substring({Arg(0)}, {Arg(1)} + 1)",
            ("substring", 3) => $"substring({Arg(0)}, {Arg(1)} + 1, {Arg(2)})",
            ("concat", 2) => $"({Arg(0)} || {Arg(1)})",
            ("year", 1) => $"year({Arg(0)})",
            ("month", 1) => $"month({Arg(0)})",
            ("day", 1) => $"day({Arg(0)})",
            ("hour", 1) => $"hour({Arg(0)})",
            ("minute", 1) => $"minute({Arg(0)})",
            ("second", 1) => $"second({Arg(0)})",
            ("date", 1) => $"cast({Arg(0)} as date)",
            ("time", 1) => $"cast(cast({Arg(0)} as timestamp) as time)",
            ("now", 0) => "now()",
            ("round", 1) => $"round({Arg(0)})",
            ("floor", 1) => $"floor({Arg(0)})",
            ("ceiling", 1) => $"ceil({Arg(0)})",
            _ => throw ODataProblem.NotImplemented($"The function {node.Name} with {args.Count} arguments is not supported."),
        };
    }

    private static string CastType(string edmType) => edmType switch
    {
        "Edm.String" => "varchar",
        "Edm.Boolean" => "boolean",
        "Edm.Byte" or "Edm.SByte" or "Edm.Int16" => "smallint",
        "Edm.Int32" => "integer",
        "Edm.Int64" => "bigint",
        "Edm.Decimal" => "decimal(38,14)",
        "Edm.Double" or "Edm.Single" => "double",
        "Edm.Date" => "date",
        "Edm.DateTimeOffset" => "timestamptz",
        "Edm.TimeOfDay" => "time",
        _ => throw ODataProblem.NotImplemented($"cast to {edmType} is not supported; cast to a primitive type (Edm.String, Edm.Int32, Edm.Decimal, Edm.Date, ...)."),
    };

    /// <summary>A LIKE whose searched-for text matches literally: its % _ and \ are escaped, in C# for a literal, in SQL otherwise.</summary>
    private string Like(string subject, SingleValueNode pattern, string before, string after)
    {
        budget.Spend();
        if (pattern is ConstantNode { Value: string text })
        {
            var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
            return $"({subject} like {parameters.Add(before + escaped + after)} escape '\\')";
        }

        var value = Translate(pattern, positive: false);
        return $"({subject} like '{before}' || replace(replace(replace({value}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '{after}' escape '\\')";
    }

    private static bool IsNull(SingleValueNode node) => node switch
    {
        ConstantNode { Value: null } => true,
        ConvertNode convert => IsNull(convert.Source),
        _ => false,
    };

    private static bool IsLiteral(SingleValueNode node) => node switch
    {
        ConstantNode { Value: not null } => true,
        ConvertNode convert => IsLiteral(convert.Source),
        _ => false,
    };

    private static bool IsIntegral(IEdmTypeReference? type) =>
        type?.AsPrimitiveOrNull()?.PrimitiveKind() is EdmPrimitiveTypeKind.Int16 or EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64 or EdmPrimitiveTypeKind.Byte or EdmPrimitiveTypeKind.SByte;

    private static bool IsNumeric(IEdmTypeReference? type) =>
        type is null || IsIntegral(type)
        || type.AsPrimitiveOrNull()?.PrimitiveKind() is EdmPrimitiveTypeKind.Decimal or EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Single;
}
