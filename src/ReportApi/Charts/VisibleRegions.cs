using Analytics.ReportApi.Access;
using Analytics.Warehouse.Reports;
using DuckDB.NET.Data;

namespace Analytics.ReportApi.Charts;

/// <summary>The regions a caller may filter by: those of the companies their scope lets them see.</summary>
internal static class VisibleRegions
{
    public static IReadOnlyList<string> Of(DuckDBConnection connection, ReportCache cache, DataState state, AccessScope scope) =>
        cache.GetOrAdd(state, scope, "regions", () => (IReadOnlyList<string>)ReportQueries.Run(
            connection, "regions", ReportFilter.Default, scope.AccountFilter, r => r.GetString(0)));

    /// <summary>Null when the request's region is one the caller can see (or none was asked), else the sentence to answer with.</summary>
    public static string? Check(ChartRequest request, IReadOnlyList<string> regions)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(regions);
        return request.Filter.Region is { } region && !regions.Contains(region)
            ? $"region '{region}' is not one you can see; regions: {string.Join(", ", regions)}."
            : null;
    }
}
