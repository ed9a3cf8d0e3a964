using Analytics.ReportApi.Access;
using Analytics.Warehouse.Reports;

namespace Analytics.ReportApi.OData;

/// <summary>
/// One entity set of the OData service: the warehouse select it reads (snake_case columns, turned into
/// PascalCase properties), its key, and how a request's access scope narrows it.
/// </summary>
/// <param name="Source">a select over core, marts or models tables, read as <c>src</c>.</param>
/// <param name="Access">the predicate on <c>src</c> that keeps only the rows the scope may see ("true" when all).</param>
/// <param name="PersonalColumns">contact fields that come back null when the scope masks contacts.</param>
internal sealed record EntitySetDefinition(
    string Name,
    string TypeName,
    string Source,
    IReadOnlyList<string> Key,
    Func<AccessScope, string> Access,
    IReadOnlyList<string> PersonalColumns)
{
    /// <summary>
    /// For a set whose figures are computed over the whole book (ranks, cumulative values and shares, headline
    /// shares, counts of groups): the report (src/Warehouse/Reports/NAME.sql) that computes the same columns over a
    /// region-limited scope's companies only, so that no figure it sees carries another region's accounts. Null
    /// for sets whose every row is one account's own figures, which the <see cref="Access"/> predicate narrows.
    /// </summary>
    public string? ScopedReport { get; init; }

    /// <summary>
    /// For a set that is already an aggregate (RevenueByMonth): its measures, the columns a client sums; its key is
    /// its dimensions. $metadata declares both with the Aggregation vocabulary. Null for every other set.
    /// </summary>
    public IReadOnlyList<string>? Measures { get; init; }

    /// <summary>
    /// A set whose rows belong to no region (the load ledger): a region-limited key may not read it at all (403), since
    /// no predicate could give it only its regions' rows, and an empty set would read as "there are none".
    /// </summary>
    public bool EveryRegionOnly { get; init; }

    /// <summary>The select this scope reads: <see cref="ScopedReport"/> for a region-limited scope, else <see cref="Source"/>.</summary>
    public string SourceFor(AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return ScopedReport is { } report && scope.IsRegionLimited ? ReportQueries.Sql(report, scope.AccountFilter) : Source;
    }

    public static Func<AccessScope, string> ByAccount(string column) => scope => scope.AccountFilter($"src.{column}");

    public static Func<AccessScope, string> Unrestricted { get; } = _ => "true";
}
