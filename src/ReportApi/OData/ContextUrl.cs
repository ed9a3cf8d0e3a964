using Microsoft.OData.UriParser;

namespace Analytics.ReportApi.OData;

/// <summary>The @odata.context of a response: the set, the properties $select or $apply leave, and /$entity for one entity.</summary>
internal static class ContextUrl
{
    public static string Of(Uri serviceRoot, ODataRequest request)
    {
        var projection = Projection(request);
        return $"{serviceRoot}$metadata#{request.Set.Name}{(projection is null ? "" : $"({projection})")}{(request.IsSingle ? "/$entity" : "")}";
    }

    private static string? Projection(ODataRequest request)
    {
        if (request.Apply is not null)
        {
            return string.Join(",", Names(request));
        }

        var clause = request.SelectExpand;
        if (clause is null)
        {
            return null;
        }

        var expanded = clause.SelectedItems.OfType<ExpandedNavigationSelectItem>()
            .Select(e => ((NavigationPropertySegment)e.PathToNavigationProperty.LastSegment).NavigationProperty.Name + "()").ToList();
        if (clause.AllSelected)
        {
            return expanded.Count == 0 ? null : string.Join(",", expanded.Prepend("*"));
        }

        return string.Join(",", ODataQuery.Selected(clause, request.Set).Concat(expanded));
    }

    private static List<string> Names(ODataRequest request)
    {
        // groupby keys and aggregate aliases, in the order the last transformations name them
        var names = new List<string>();
        foreach (var transformation in request.Apply!.Transformations)
        {
            switch (transformation)
            {
                case Microsoft.OData.UriParser.Aggregation.GroupByTransformationNode groupBy:
                    names = [.. groupBy.GroupingProperties.Select(Grouped)];
                    if (groupBy.ChildTransformations is Microsoft.OData.UriParser.Aggregation.AggregateTransformationNode inner)
                    {
                        names.AddRange(inner.AggregateExpressions.Select(a => a.Alias));
                    }

                    break;
                case Microsoft.OData.UriParser.Aggregation.AggregateTransformationNode aggregate:
                    names = [.. aggregate.AggregateExpressions.Select(a => a.Alias)];
                    break;
                case Microsoft.OData.UriParser.Aggregation.ComputeTransformationNode compute:
                    names.AddRange(compute.Expressions.Select(c => c.Alias));
                    break;
            }
        }

        return names;
    }

    /// <summary>A grouping property, or a navigation with the properties grouped through it: Account(Region,Tier).</summary>
    private static string Grouped(Microsoft.OData.UriParser.Aggregation.GroupByPropertyNode property) =>
        property.Expression is null && property.ChildTransformations.Count > 0
            ? $"{property.Name}({string.Join(",", property.ChildTransformations.Select(Grouped))})"
            : property.Name;
}
