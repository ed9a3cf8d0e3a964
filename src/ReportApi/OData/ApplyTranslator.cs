using Analytics.Warehouse;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;

namespace Analytics.ReportApi.OData;

/// <summary>
/// Translates $apply into nested selects, one per transformation: filter, compute, groupby (with aggregate) and
/// aggregate (sum, min, max, average, countdistinct, $count). What follows $apply ($filter, $orderby, $top...) reads
/// the last select's columns. Until the first groupby or aggregate, expressions may follow single-valued navigation
/// paths (groupby((Account/Region),...), filter(Account/Tier eq 'A')); a grouped key of a path is a column named by
/// the path, which the writer nests ({"Account":{"Region":...}}). Anything else (expand, custom aggregates) is refused
/// with 501.
/// </summary>
/// <param name="related">the entity set the $apply starts from, whose navigations paths follow.</param>
internal sealed class ApplyTranslator(SqlParameters parameters, NodeBudget budget, ODataLimits limits, RelatedScope related)
{
    private RelatedScope? _related = related;

    public Relation Apply(ApplyClause apply, Relation input)
    {
        var current = input;
        foreach (var transformation in apply.Transformations)
        {
            budget.Spend();
            current = transformation switch
            {
                FilterTransformationNode filter => Filter(filter, current),
                ComputeTransformationNode compute => Compute(compute, current),
                GroupByTransformationNode groupBy => GroupBy(groupBy, current),
                AggregateTransformationNode aggregate => Aggregate(aggregate.AggregateExpressions, [], current),
                _ => throw ODataProblem.NotImplemented($"The $apply transformation {transformation.Kind} is not supported; use filter, groupby, aggregate or compute."),
            };
            if (transformation is GroupByTransformationNode or AggregateTransformationNode)
            {
                // The rows are groups now, no longer the set's entities: nothing to navigate from.
                _related = null;
            }
        }

        return current;
    }

    private ExpressionTranslator Expressions(Relation relation) => new(relation.ByName, parameters, budget, limits, _related);

    private Relation Filter(FilterTransformationNode filter, Relation input) =>
        input with { Sql = $"select * from ({input.Sql}) q where {Expressions(input).Filter(filter.FilterClause.Expression)}" };

    private Relation Compute(ComputeTransformationNode compute, Relation input)
    {
        var translator = Expressions(input);
        var added = new List<(string Sql, RelationColumn Column)>();
        foreach (var expression in compute.Expressions)
        {
            var column = new RelationColumn(expression.Alias, Kind(expression.TypeReference), expression.TypeReference);
            if (input.ByName.ContainsKey(column.Name) || added.Any(a => a.Column.Name == column.Name))
            {
                throw ODataProblem.BadRequest($"compute names '{column.Name}', which is already a property here.");
            }

            added.Add(($"{translator.Value(expression.Expression)} as {column.Sql}", column));
        }

        return new Relation(
            $"select *, {string.Join(", ", added.Select(a => a.Sql))} from ({input.Sql}) q",
            [.. input.Columns, .. added.Select(a => a.Column)],
            input.Identity);
    }

    private Relation GroupBy(GroupByTransformationNode groupBy, Relation input)
    {
        var keys = groupBy.GroupingProperties.SelectMany(k => Leaves(k, "")).ToList();
        if (keys.Count > limits.MaxGroupByKeys)
        {
            throw ODataProblem.Limit("TooManyGroupByKeys", $"groupby may name at most {limits.MaxGroupByKeys} properties.");
        }

        var translator = Expressions(input);
        var groups = new List<(string Sql, RelationColumn Column)>();
        foreach (var (path, expression) in keys)
        {
            budget.Spend();
            var type = expression.TypeReference;
            var column = new RelationColumn(path, Kind(type), type);
            groups.Add(($"{translator.Value(expression)} as {column.Sql}", column));
        }

        return groupBy.ChildTransformations switch
        {
            null => new Relation(
                $"select distinct {string.Join(", ", groups.Select(g => g.Sql))} from ({input.Sql}) q",
                [.. groups.Select(g => g.Column)],
                [.. groups.Select(g => g.Column.Name)]),
            AggregateTransformationNode aggregate => Aggregate(aggregate.AggregateExpressions, groups, input),
            var other => throw ODataProblem.NotImplemented($"groupby with {other.Kind} inside is not supported; use aggregate."),
        };
    }

    private Relation Aggregate(IEnumerable<AggregateExpressionBase> expressions, List<(string Sql, RelationColumn Column)> groups, Relation input)
    {
        var translator = Expressions(input);
        var aggregates = new List<(string Sql, RelationColumn Column)>();
        foreach (var expressionBase in expressions)
        {
            budget.Spend();
            if (expressionBase is not AggregateExpression expression)
            {
                throw ODataProblem.NotImplemented("Aggregating a navigation's entities is not supported; aggregate the set's own properties.");
            }

            var column = new RelationColumn(expression.Alias, Kind(expression.TypeReference), expression.TypeReference);
            if (groups.Any(g => g.Column.Name == column.Name) || aggregates.Any(a => a.Column.Name == column.Name))
            {
                throw ODataProblem.BadRequest($"The alias '{column.Name}' is used twice.");
            }

            string Of() => translator.Value(expression.Expression);
            var sql = expression.Method switch
            {
                AggregationMethod.Sum => $"sum({Of()})",
                AggregationMethod.Min => $"min({Of()})",
                AggregationMethod.Max => $"max({Of()})",
                AggregationMethod.Average => $"avg({Of()})",
                AggregationMethod.CountDistinct => $"count(distinct {Of()})",
                AggregationMethod.VirtualPropertyCount => "count(*)",
                _ => throw ODataProblem.NotImplemented($"The aggregation method {expression.MethodDefinition?.MethodLabel ?? expression.Method.ToString()} is not supported."),
            };
            aggregates.Add(($"{sql} as {column.Sql}", column));
        }

        var select = string.Join(", ", groups.Select(g => g.Sql).Concat(aggregates.Select(a => a.Sql)));
        var groupBy = groups.Count == 0 ? "" : $" group by {string.Join(", ", Enumerable.Range(1, groups.Count))}";
        return new Relation(
            $"select {select} from ({input.Sql}) q{groupBy}",
            [.. groups.Select(g => g.Column), .. aggregates.Select(a => a.Column)],
            [.. groups.Select(g => g.Column.Name)]);
    }

    /// <summary>A grouping property and its value, or for a navigation path (Account/Region) each property it reaches, named by its path.</summary>
    private static IEnumerable<(string Path, SingleValueNode Expression)> Leaves(GroupByPropertyNode key, string prefix)
    {
        var path = prefix + key.Name;
        if (key.Expression is not null)
        {
            return [(path, key.Expression)];
        }

        return key.ChildTransformations.Count > 0
            ? key.ChildTransformations.SelectMany(child => Leaves(child, path + "/"))
            : throw ODataProblem.BadRequest($"groupby names '{path}' without a property of it.");
    }

    private static EdmPrimitiveTypeKind Kind(IEdmTypeReference? type) =>
        type?.AsPrimitiveOrNull()?.PrimitiveKind() ?? EdmPrimitiveTypeKind.None;
}
