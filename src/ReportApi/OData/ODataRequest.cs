using Microsoft.OData;
using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;

namespace Analytics.ReportApi.OData;

/// <summary>
/// One GET under /odata, parsed by Microsoft.OData's URI parser against our model: which set (or entity, or
/// related entities of one entity, or count) and the query options as trees. Options the service cannot honour
/// ($search, $compute, $levels, deeper paths) are refused here with 501.
/// </summary>
internal sealed class ODataRequest
{
    public required ODataSet Set { get; init; }

    /// <summary>Key values of the addressed entity (or of the entity whose navigation is followed).</summary>
    public IReadOnlyList<KeyValuePair<string, object>>? Key { get; init; }

    public ODataSet? KeySet { get; init; }

    public NavigationDefinition? Navigation { get; init; }

    public bool IsSingle { get; init; }

    public bool IsCountSegment { get; init; }

    public FilterClause? Filter { get; init; }

    public OrderByClause? OrderBy { get; init; }

    public SelectExpandClause? SelectExpand { get; init; }

    public ApplyClause? Apply { get; init; }

    public long? Top { get; init; }

    public long? Skip { get; init; }

    public bool Count { get; init; }

    public string? SkipToken { get; init; }

    public static ODataRequest Parse(WarehouseModel model, Uri serviceRoot, Uri requestUri, ODataLimits limits)
    {
        // Before the parser: an option it would ignore must not pass silently, and a $apply too long to parse and
        // plan in time must not start.
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(requestUri.Query);
        SystemQueryOptions.Check(query);
        string? Raw(string name) => query.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value.ToString();
        ApplySteps.Check(Raw("$apply"), Raw("$expand"), limits);
        var parser = new ODataUriParser(model.Edm, serviceRoot, requestUri)
        {
            Resolver = new ODataUriResolver { EnableCaseInsensitive = true },
        };
        parser.Settings.MaximumExpansionDepth = limits.MaxExpandDepth;
        try
        {
            return Parse(model, parser, limits);
        }
        catch (ODataUnrecognizedPathException e)
        {
            throw ODataProblem.NotFound(e.Message);
        }
        catch (ODataException e)
        {
            throw ODataProblem.BadRequest(e.Message);
        }
        catch (Exception e) when (e is OverflowException or FormatException or ArgumentException)
        {
            throw ODataProblem.BadRequest(e.Message);
        }
    }

    private static ODataRequest Parse(WarehouseModel model, ODataUriParser parser, ODataLimits limits)
    {
        var segments = parser.ParsePath().ToList();
        if (segments.FirstOrDefault() is not EntitySetSegment setSegment)
        {
            throw ODataProblem.NotFound("Address an entity set, e.g. /odata/Orders; the service document at /odata lists them.");
        }

        var set = model.Sets[setSegment.EntitySet.Name];
        var position = 1;
        IReadOnlyList<KeyValuePair<string, object>>? key = null;
        NavigationDefinition? navigation = null;
        var isSingle = false;
        if (position < segments.Count && segments[position] is KeySegment keySegment)
        {
            key = [.. keySegment.Keys];
            isSingle = true;
            position++;
            if (position < segments.Count && segments[position] is NavigationPropertySegment navigationSegment)
            {
                navigation = model.Navigation(set.Name, navigationSegment.NavigationProperty.Name);
                isSingle = !navigation.IsCollection;
                position++;
            }
        }

        var isCount = false;
        if (position < segments.Count && segments[position] is CountSegment && !isSingle)
        {
            isCount = true;
            position++;
        }

        if (position < segments.Count)
        {
            throw ODataProblem.NotImplemented($"The path segment '{segments[position].Identifier}' is not supported; address a set, an entity by key, or an entity's related entities.");
        }

        if (parser.ParseSearch() is not null)
        {
            throw ODataProblem.NotImplemented("$search is not supported; use $filter with contains().");
        }

        if (parser.ParseCompute() is { ComputedItems: var computed } && computed.Any())
        {
            throw ODataProblem.NotImplemented("$compute is not supported; use $apply=compute(...).");
        }

        var apply = parser.ParseApply();
        var request = new ODataRequest
        {
            Set = navigation is null ? set : model.Sets[navigation.Target],
            KeySet = key is null ? null : set,
            Key = key,
            Navigation = navigation,
            IsSingle = isSingle,
            IsCountSegment = isCount,
            Apply = apply,
            Filter = parser.ParseFilter(),
            OrderBy = parser.ParseOrderBy(),
            SelectExpand = parser.ParseSelectAndExpand(),
            Top = parser.ParseTop(),
            Skip = parser.ParseSkip(),
            Count = parser.ParseCount() ?? false,
            SkipToken = parser.ParseSkipToken(),
        };
        request.Validate(limits);
        return request;
    }

    private void Validate(ODataLimits limits)
    {
        if (Top is < 0 || Skip is < 0)
        {
            throw ODataProblem.BadRequest("$top and $skip must not be negative.");
        }

        if (Top > limits.MaxTop)
        {
            throw ODataProblem.Limit("TopTooLarge", $"$top may be at most {limits.MaxTop}; read more through the @odata.nextLink pages.");
        }

        if (Apply is not null && SelectExpand is not null)
        {
            throw ODataProblem.NotImplemented("$select and $expand cannot follow $apply here; name the properties in groupby and aggregate.");
        }

        if (IsSingle && (Filter is not null || OrderBy is not null || Top is not null || Skip is not null || Apply is not null || Count))
        {
            throw ODataProblem.BadRequest("A single entity takes only $select and $expand.");
        }
    }
}
