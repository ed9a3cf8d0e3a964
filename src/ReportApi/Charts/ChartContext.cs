using System.Data.Common;
using System.Globalization;
using Analytics.Warehouse;
using Analytics.Warehouse.Reports;
using DuckDB.NET.Data;

namespace Analytics.ReportApi.Charts;

/// <summary>What a chart is built from: an open connection, the request, the caller's account predicate and the data state.</summary>
internal sealed record ChartContext(DuckDBConnection Connection, ChartRequest Request, Func<string, string> AccountFilter, DataState State)
{
    public Language Language => Request.Language;

    public string T(string key) => Texts.Get(Language, key);

    public string F(string key, params object?[] args) => Texts.Format(Language, key, args);

    public List<TRow> Query<TRow>(string report, Func<DbDataReader, TRow> map) =>
        ReportQueries.Run(Connection, report, Request.Filter, AccountFilter, map);

    /// <summary>The account's page, in the chart's language: where a click on the account's point leads.</summary>
    public string AccountLink(string accountId) => $"/accounts/{Uri.EscapeDataString(accountId)}?lang={LanguageChoice.Code(Language)}";

    /// <summary>The dashboard with the chart's filters narrowed to a tier or a region, and its tables filtered with it.</summary>
    public string DashboardLink(string? tier = null, string? region = null, string? section = null) =>
        "/?" + (Request with { Filter = Request.Filter with { Tier = tier ?? Request.Filter.Tier, Region = region ?? Request.Filter.Region } }).QueryString()
        + (section is null ? "" : "#" + section);

    /// <summary>
    /// The OData rows a bar or point is made of, with their count: where a click leads when no page of the dashboard
    /// shows exactly those rows. The service narrows them by the reader's own scope, as it narrowed the chart.
    /// </summary>
    public static string ODataLink(string set, IEnumerable<string> conditions) =>
        $"/odata/{set}?$filter={Uri.EscapeDataString(string.Join(" and ", conditions))}&$count=true";

    /// <summary>The chart's tier and region filters as OData conditions, on the set's properties holding them.</summary>
    public IEnumerable<string> FilterConditions(string tier, string region)
    {
        if (Request.Filter.Tier is { } chosenTier)
        {
            yield return $"{tier} eq {ODataText(chosenTier)}";
        }

        if (Request.Filter.Region is { } chosenRegion)
        {
            yield return $"{region} eq {ODataText(chosenRegion)}";
        }
    }

    /// <summary>An OData string literal: quoted, a quote inside doubled (OData quotes as SQL does).</summary>
    public static string ODataText(string text) => SqlExtensions.Literal(text);

    /// <summary>An OData date literal, whatever the culture the service runs in.</summary>
    public static string ODataDate(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The unit an amount axis reads in, and the factor it divides by, chosen by the largest amount shown.</summary>
    public (string Unit, double Scale) MoneyUnit(decimal largest) =>
        largest >= 1_000_000m ? (T("unit.million"), 1_000_000)
        : largest >= 10_000m ? (T("unit.thousand"), 1_000)
        : (T("unit.yuan"), 1);
}
