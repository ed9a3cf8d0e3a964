using System.Globalization;
using Analytics.ReportApi.Access;
using Analytics.Warehouse;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OData.UriParser;

namespace Analytics.ReportApi.OData;

/// <summary>
/// Runs one parsed request on DuckDB: the set as the scope sees it, $apply, the key or navigation, $filter,
/// $orderby with the key appended, one page ($top, $skip, $skiptoken, the page size), $count over the same rows,
/// and $expand as one query per navigation for the whole page.
/// </summary>
internal sealed class ODataQuery(WarehouseModel model, ODataRequest request, AccessScope scope, ODataLimits limits)
{
    private readonly NodeBudget _budget = new(limits.MaxNodeCount);

    public ODataPage Page(Uri requestUri, int pageSize, QueryRunner runner)
    {
        var parameters = new SqlParameters();
        var relation = Relation.Of(request.Set, scope);
        if (request.Apply is not null)
        {
            relation = new ApplyTranslator(parameters, _budget, limits, new RelatedScope(model, request.Set, scope, "q", Lambdas: false)).Apply(request.Apply, relation);
        }

        var related = request.Apply is null ? new RelatedScope(model, request.Set, scope, "q") : null;
        var translator = new ExpressionTranslator(relation.ByName, parameters, _budget, limits, related);
        var where = new List<string>();
        if (request.Key is not null)
        {
            where.Add(KeyPredicate(translator, parameters));
        }

        if (request.Filter is not null)
        {
            where.Add(translator.Filter(request.Filter.Expression));
        }

        var (orderBy, byKeyOnly) = OrderBy(request.OrderBy, translator, relation);
        var fetched = Fetched(relation);
        var written = Written(relation, fetched);
        var countParameters = parameters.Count;
        var whereForCount = where.ToList();

        var useKeyset = request.Apply is null && byKeyOnly && !request.IsSingle;
        if (request.SkipToken is { } token)
        {
            if (!useKeyset)
            {
                throw ODataProblem.BadRequest("$skiptoken applies to pages in key order only; follow @odata.nextLink as given.");
            }

            where.Add(KeysetPredicate(token, parameters));
        }

        var limit = request.IsSingle ? 2 : request.Top is { } top && top <= pageSize ? top : pageSize + 1L;
        var sql = $"select {string.Join(", ", fetched.Select(c => c.Sql))} from ({relation.Sql}) q"
            + Where(where)
            + (request.IsSingle ? "" : $" order by {orderBy}")
            + $" limit {limit.ToString(CultureInfo.InvariantCulture)}"
            + (request.Skip is > 0 ? $" offset {request.Skip.Value.ToString(CultureInfo.InvariantCulture)}" : "");

        // Every set an expansion reaches is checked before any statement runs (reading it would refuse it anyway).
        CheckExpansions(request.SelectExpand, request.Set);
        var rows = runner.Read(sql, parameters.ToArray());
        var page = new ODataPage { Fetched = fetched, Written = written, Rows = rows };
        if (!request.IsSingle && rows.Count > pageSize)
        {
            rows.RemoveRange(pageSize, rows.Count - pageSize);
            page.NextLink = NextLink(requestUri, pageSize, useKeyset ? rows[^1] : null, page);
        }

        if (request.Count || request.IsCountSegment)
        {
            page.Count = runner.Count($"select count(*) from ({relation.Sql}) q{Where(whereForCount)}", parameters.ToArray(countParameters));
        }

        if (request.SelectExpand is not null)
        {
            foreach (var item in request.SelectExpand.SelectedItems.OfType<ExpandedNavigationSelectItem>())
            {
                page.Expansions.Add(Expand(item, request.Set, page, runner));
            }
        }

        return page;
    }

    /// <summary>
    /// The whole answer as one statement, no paging: what the Arrow and CSV streams read. $filter, $select, $orderby, $top and
    /// $skip only; those endpoints refuse the rest.
    /// </summary>
    public (string Sql, object?[] Parameters, IReadOnlyList<RelationColumn> Columns) Statement()
    {
        if (request.Apply is not null || request.Key is not null || request.SkipToken is not null
            || request.SelectExpand?.SelectedItems.OfType<ExpandedNavigationSelectItem>().Any() == true)
        {
            throw ODataProblem.NotImplemented("The Arrow and CSV streams take $filter, $select, $orderby, $top and $skip; use /odata for $apply, $expand and keys.");
        }

        var parameters = new SqlParameters();
        var relation = Relation.Of(request.Set, scope);
        var translator = new ExpressionTranslator(relation.ByName, parameters, _budget, limits, new RelatedScope(model, request.Set, scope, "q"));
        var where = request.Filter is null ? [] : new List<string> { translator.Filter(request.Filter.Expression) };
        var selected = Selected(request.SelectExpand, request.Set).ToHashSet(StringComparer.Ordinal);
        var columns = relation.Columns.Where(c => selected.Contains(c.Name)).ToList();
        var orderBy = request.OrderBy is null && request.Top is null && request.Skip is null ? "" : $" order by {OrderBy(request.OrderBy, translator, relation).Sql}";
        var sql = $"select {string.Join(", ", columns.Select(c => c.Sql))} from ({relation.Sql}) q{Where(where)}{orderBy}"
            + (request.Top is { } top ? $" limit {top.ToString(CultureInfo.InvariantCulture)}" : "")
            + (request.Skip is > 0 ? $" offset {request.Skip.Value.ToString(CultureInfo.InvariantCulture)}" : "");
        return (sql, parameters.ToArray(), columns);
    }

    private static string Where(List<string> predicates) => predicates.Count == 0 ? "" : " where " + string.Join(" and ", predicates);

    /// <summary>The addressed entity, or (following a navigation) the rows related to it, read through the scope as well.</summary>
    private string KeyPredicate(ExpressionTranslator translator, SqlParameters parameters)
    {
        var keySet = request.KeySet!;
        var keyEquals = string.Join(" and ", request.Key!.Select(k =>
            $"{SqlExtensions.Identifier(k.Key)} = {Literal(parameters, k.Value)}"));
        if (request.Navigation is not { } navigation)
        {
            return keyEquals;
        }

        var source = SqlExtensions.Identifier(WarehouseModelBuilder.PropertyName(navigation.SourceColumn));
        return $"{translator.Column(WarehouseModelBuilder.PropertyName(navigation.TargetColumn))} in "
            + $"(select {source} from ({keySet.BaseSql(scope)}) k where {keyEquals})";
    }

    private static string Literal(SqlParameters parameters, object value) => value switch
    {
        string or int or long or short or decimal => parameters.Add(value),
        _ => parameters.Add(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static (string Sql, bool ByKeyOnly) OrderBy(OrderByClause? clause, ExpressionTranslator translator, Relation relation)
    {
        var terms = new List<string>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        for (var c = clause; c is not null; c = c.ThenBy)
        {
            var expression = translator.Value(c.Expression);
            terms.Add($"{expression} {(c.Direction == OrderByDirection.Descending ? "desc" : "asc")}");
            named.Add(expression);
        }

        var byKeyOnly = terms.Count == 0;
        foreach (var identity in relation.Identity)
        {
            var column = relation.ByName[identity].Sql;
            if (!named.Contains(column))
            {
                terms.Add($"{column} asc");
            }
        }

        return (terms.Count == 0 ? "1" : string.Join(", ", terms), byKeyOnly);
    }

    private List<RelationColumn> Fetched(Relation relation)
    {
        if (request.Apply is not null)
        {
            return [.. relation.Columns];
        }

        var needed = new HashSet<string>(Selected(request.SelectExpand, request.Set), StringComparer.Ordinal);
        needed.UnionWith(relation.Identity);
        foreach (var item in request.SelectExpand?.SelectedItems.OfType<ExpandedNavigationSelectItem>() ?? [])
        {
            needed.Add(WarehouseModelBuilder.PropertyName(NavigationOf(request.Set, item).SourceColumn));
        }

        return [.. relation.Columns.Where(c => needed.Contains(c.Name))];
    }

    private List<int> Written(Relation relation, List<RelationColumn> fetched)
    {
        if (request.Apply is not null)
        {
            return [.. Enumerable.Range(0, fetched.Count)];
        }

        var selected = Selected(request.SelectExpand, request.Set).ToHashSet(StringComparer.Ordinal);
        return [.. Enumerable.Range(0, fetched.Count).Where(i => selected.Contains(fetched[i].Name))];
    }

    /// <summary>The properties $select names, in the set's order; all when there is no $select or it says *.</summary>
    public static IReadOnlyList<string> Selected(SelectExpandClause? clause, ODataSet set)
    {
        if (clause is null || clause.AllSelected || clause.SelectedItems.Any(i => i is WildcardSelectItem))
        {
            return [.. set.Columns.Select(c => c.Property)];
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in clause.SelectedItems)
        {
            switch (item)
            {
                case PathSelectItem { SelectedPath.LastSegment: PropertySegment property } path when path.SelectedPath.Count == 1:
                    names.Add(property.Property.Name);
                    break;
                // A navigation property selected (SAP's clients send it beside $expand): its entities come with
                // $expand, and a minimal-metadata answer writes no link for it.
                case ExpandedNavigationSelectItem:
                case PathSelectItem { SelectedPath.LastSegment: NavigationPropertySegment } navigation when navigation.SelectedPath.Count == 1:
                    break;
                default:
                    throw ODataProblem.NotImplemented("$select supports the set's own properties, its navigation properties and *.");
            }
        }

        return [.. set.Columns.Select(c => c.Property).Where(names.Contains)];
    }

    private void CheckExpansions(SelectExpandClause? clause, ODataSet set)
    {
        foreach (var item in clause?.SelectedItems.OfType<ExpandedNavigationSelectItem>() ?? [])
        {
            var target = model.Sets[NavigationOf(set, item).Target];
            target.CheckReadable(scope);
            CheckExpansions(item.SelectAndExpand, target);
        }
    }

    private NavigationDefinition NavigationOf(ODataSet set, ExpandedNavigationSelectItem item) =>
        item.PathToNavigationProperty.LastSegment is NavigationPropertySegment segment && item.PathToNavigationProperty.Count == 1
            ? model.Navigation(set.Name, segment.NavigationProperty.Name)
            : throw ODataProblem.NotImplemented("$expand supports navigation properties of the expanded set itself (Orders($expand=Lines), not Orders/Lines).");

    private string KeysetPredicate(string token, SqlParameters parameters)
    {
        var key = request.Set.Key;
        var values = SkipToken.Decode(token, key.Count);
        var columns = key.Select(k => SqlExtensions.Identifier(k.Property)).ToList();
        var bound = key.Select((k, i) => $"cast({parameters.Add(values[i])} as {k.DuckDbType})").ToList();
        return key.Count == 1
            ? $"{columns[0]} > {bound[0]}"
            : $"({string.Join(", ", columns)}) > ({string.Join(", ", bound)})";
    }

    private Uri NextLink(Uri requestUri, int pageSize, object?[]? lastRow, ODataPage page)
    {
        var query = QueryHelpers.ParseQuery(requestUri.Query)
            .Where(p => p.Key is not ("$skip" or "$top" or "$skiptoken"))
            .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        if (request.Top is { } top)
        {
            query["$top"] = (top - pageSize).ToString(CultureInfo.InvariantCulture);
        }

        if (lastRow is not null)
        {
            var keyValues = request.Set.Key.Select(k => lastRow[page.IndexOf(k.Property)]);
            // The token points past any skipped rows, so the next link drops $skip.
            query["$skiptoken"] = SkipToken.Encode(keyValues);
        }
        else
        {
            query["$skip"] = ((request.Skip ?? 0) + pageSize).ToString(CultureInfo.InvariantCulture);
        }

        var text = string.Join("&", query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        return new UriBuilder(requestUri) { Query = text }.Uri;
    }

    /// <summary>
    /// The rows related to a page's rows through one navigation, in one query for the whole page, and (for a nested
    /// $expand) theirs in turn, one query per level; the writer puts each under its parent.
    /// </summary>
    private Expansion Expand(ExpandedNavigationSelectItem item, ODataSet parentSet, ODataPage parent, QueryRunner runner)
    {
        var navigation = NavigationOf(parentSet, item);
        if (item.LevelsOption is not null || item.SearchOption is not null || item.ComputeOption is not null || item.ApplyOption is not null || item.CountOption is not null)
        {
            throw ODataProblem.NotImplemented("Inside $expand the service supports $select, $filter, $orderby, $top, $skip and $expand.");
        }

        var childSet = model.Sets[navigation.Target];
        var parentColumn = parent.IndexOf(WarehouseModelBuilder.PropertyName(navigation.SourceColumn));
        var linkName = WarehouseModelBuilder.PropertyName(navigation.TargetColumn);
        var values = parent.Rows.Select(r => r[parentColumn]).Where(v => v is not null).Distinct().ToList();

        var relation = Relation.Of(childSet, scope);
        var selected = Selected(item.SelectAndExpand, childSet).ToHashSet(StringComparer.Ordinal);
        var nested = item.SelectAndExpand?.SelectedItems.OfType<ExpandedNavigationSelectItem>().ToList() ?? [];
        var links = nested.Select(n => WarehouseModelBuilder.PropertyName(NavigationOf(childSet, n).SourceColumn)).ToHashSet(StringComparer.Ordinal);
        var fetched = relation.Columns
            .Where(c => selected.Contains(c.Name) || c.Name == linkName || relation.Identity.Contains(c.Name) || links.Contains(c.Name)).ToList();
        var written = Enumerable.Range(0, fetched.Count).Where(i => selected.Contains(fetched[i].Name)).ToList();
        var children = new ODataPage { Fetched = fetched, Written = written, Rows = [] };
        var byParent = new Dictionary<object, List<object?[]>>();
        if (values.Count > 0)
        {
            var parameters = new SqlParameters();
            var translator = new ExpressionTranslator(relation.ByName, parameters, _budget, limits, new RelatedScope(model, childSet, scope, "q", Lambdas: false));
            var link = translator.Column(linkName);
            var where = new List<string> { $"{link} in ({string.Join(", ", values.Select(parameters.Add))})" };
            if (item.FilterOption is not null)
            {
                where.Add(translator.Filter(item.FilterOption.Expression));
            }

            var (orderBy, _) = OrderBy(item.OrderByOption, translator, relation);
            var window = "";
            if (item.TopOption is not null || item.SkipOption is not null)
            {
                var first = (item.SkipOption ?? 0) + 1;
                var last = item.TopOption is { } top ? (item.SkipOption ?? 0) + top : long.MaxValue;
                window = $" qualify row_number() over (partition by {link} order by {orderBy}) between {first.ToString(CultureInfo.InvariantCulture)} and {last.ToString(CultureInfo.InvariantCulture)}";
            }

            // One row past the cap is enough to know the expansion is too large, without reading all of it.
            var sql = $"select {string.Join(", ", fetched.Select(c => c.Sql))} from ({relation.Sql}) q{Where(where)}{window} order by {link}, {orderBy}"
                + $" limit {(limits.MaxExpandedRows + 1L).ToString(CultureInfo.InvariantCulture)}";
            children.Rows.AddRange(runner.Read(sql, parameters.ToArray()));
            if (children.Rows.Count > limits.MaxExpandedRows)
            {
                throw ODataProblem.Limit("TooManyExpandedRows",
                    $"$expand={navigation.Name} brings more than {limits.MaxExpandedRows} rows for this page; limit each entity's with $top inside $expand "
                    + $"(e.g. $expand={navigation.Name}($top=10)), narrow it with $filter inside $expand, or ask for smaller pages (Prefer: odata.maxpagesize).");
            }

            var linkIndex = children.IndexOf(linkName);
            foreach (var row in children.Rows)
            {
                var key = row[linkIndex]!;
                if (!byParent.TryGetValue(key, out var list))
                {
                    byParent[key] = list = [];
                }

                list.Add(row);
            }
        }

        foreach (var inner in nested)
        {
            children.Expansions.Add(Expand(inner, childSet, children, runner));
        }

        return new Expansion(navigation.Name, navigation.IsCollection, parentColumn, children, byParent);
    }
}
