using System.Globalization;
using Analytics.Warehouse.Loading;

namespace Analytics.ReportApi;

/// <summary>
/// A load report as one sentence, the same on the command line, in the inbox log and in the demo load. It sits at the
/// root, not in Cli/, so the inbox job and the start-up need no command-line code; it gives way to
/// LoadReport.Summary() when the loading code moves into Ingest (an instance method wins over this extension).
/// </summary>
internal static class LoadReportText
{
    public static string Summary(this LoadReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.Status switch
        {
            LoadStatus.Duplicate => $"{r.File}: duplicate of batch {r.BatchId}, nothing changed",
            LoadStatus.Failed => $"{r.File}: failed, nothing kept (batch {r.BatchId})",
            _ => string.Create(CultureInfo.InvariantCulture, $"{r.File}: {r.Entity} loaded {r.Counts.Loaded:N0} of {r.Counts.Read:N0} rows, {r.Counts.Rejected:N0} rejected, {r.Counts.Pending:N0} waiting for a parent, in {r.Elapsed.TotalSeconds:0.00} s ({Rate(r):N0} rows/s), batch {r.BatchId}"),
        };
    }

    private static double Rate(LoadReport r) => r.Elapsed.TotalSeconds > 0 ? r.Counts.Read / r.Elapsed.TotalSeconds : 0;
}
