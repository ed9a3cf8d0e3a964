using System.Data.Common;
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

    /// <summary>The unit an amount axis reads in, and the factor it divides by, chosen by the largest amount shown.</summary>
    public (string Unit, double Scale) MoneyUnit(decimal largest) =>
        largest >= 1_000_000m ? (T("unit.million"), 1_000_000)
        : largest >= 10_000m ? (T("unit.thousand"), 1_000)
        : (T("unit.yuan"), 1);
}
