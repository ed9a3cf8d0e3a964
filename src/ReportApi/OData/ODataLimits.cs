namespace Analytics.ReportApi.OData;

/// <summary>
/// The limits one OData request lives within (section Analytics:OData), each answered with a clear OData error
/// when exceeded, so one analyst's query cannot take the service from everyone else.
/// </summary>
public sealed class ODataLimits
{
    public const string Section = "Analytics:OData";

    /// <summary>The configuration key of <see cref="DuckDbMemoryLimit"/>, as errors name it.</summary>
    public const string MemoryLimitSetting = $"{Section}:{nameof(DuckDbMemoryLimit)}";

    /// <summary>Rows per response page; more come through @odata.nextLink (a client may ask for fewer with Prefer: odata.maxpagesize).</summary>
    public int MaxPageSize { get; set; } = 5000;

    /// <summary>The largest $top accepted (paging still applies under it).</summary>
    public int MaxTop { get; set; } = 1_000_000;

    /// <summary>Nodes in all of a request's expressions ($filter, $orderby, $apply, $expand options together).</summary>
    public int MaxNodeCount { get; set; } = 250;

    /// <summary>Properties in one groupby.</summary>
    public int MaxGroupByKeys { get; set; } = 8;

    /// <summary>Levels of $expand in one request (Accounts?$expand=Orders($expand=Lines) is two); each level is one more query.</summary>
    public int MaxExpandDepth { get; set; } = 3;

    /// <summary>
    /// Rows one expanded navigation may bring for one page of parents (all parents together, each level of a nested
    /// $expand on its own): beyond it the request is refused, asking for $top inside $expand or smaller pages.
    /// </summary>
    public int MaxExpandedRows { get; set; } = 1000;

    /// <summary>Transformations in one $apply (filter, compute, groupby, aggregate, each counted), checked before any SQL runs.</summary>
    public int MaxApplySteps { get; set; } = 10;

    /// <summary>Values in one 'in' list.</summary>
    public int MaxInValues { get; set; } = 1000;

    /// <summary>How long one request's queries may run before DuckDB is interrupted.</summary>
    public double RequestTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// DuckDB's memory_limit for the service's database (e.g. "8GB"); empty keeps DuckDB's default (80% of RAM). Kept
    /// here, its documented key, though it holds all the service does, not OData alone: the warehouse opens with it.
    /// </summary>
    public string DuckDbMemoryLimit { get; set; } = "";
}
