using System.Globalization;

namespace Analytics.ReportApi.Charts;

/// <summary>
/// How the churn model did once each scoring pass's outcome was known: realised ROC AUC by the pass's day, one line per
/// group the report gives (the whole book, or each region the caller sees), with the trained AUC as a reference line.
/// A point links to its row of the ModelMonitoring set (the pass's accounts, churned, AUC and the other metrics).
/// </summary>
internal sealed class ModelMonitoringChart : IChart
{
    public string Name => "model-monitoring";

    public ChartData Build(ChartContext context)
    {
        var rows = context.Query("model_monitoring", r => (
            AsOf: Reader.Date(r, "as_of"),
            Region: Reader.Text(r, "region"),
            Accounts: Reader.Long(r, "accounts"),
            Churned: Reader.Long(r, "churned"),
            Auc: Reader.NullableDecimal(r, "roc_auc"),
            Trained: Reader.NullableDecimal(r, "trained_roc_auc")));
        var days = rows.Select(x => x.AsOf).Distinct().Order().ToList();
        var series = rows.GroupBy(x => x.Region)
            .Select(g => new ChartSeries(
                g.Key == "all" ? context.T("group.all") : g.Key,
                [.. g.Where(x => x.Auc is not null).Select(x => new ChartPoint(days.IndexOf(x.AsOf), x.Auc!.Value, Link: ChartContext.ODataLink("ModelMonitoring",
                    [$"AsOf eq {ChartContext.ODataDate(x.AsOf)}", "Model eq 'churn'", $"Region eq {ChartContext.ODataText(x.Region)}", $"Tier eq {ChartContext.ODataText(context.Request.Filter.Tier ?? "all")}"])))]))
            .ToList();
        var data = new ChartData(Name, ChartKind.Line, context.T("monitoring.title"), context.T("monitoring.x"), context.T("monitoring.y"), series)
        {
            Categories = [.. days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
            EmptyMessage = rows.Count == 0 ? context.T("monitoring.none") : null,
        };
        var withTrained = rows.Where(x => x.Trained is not null).ToList();
        if (withTrained.Count == 0)
        {
            return data;
        }

        var last = withTrained.MaxBy(x => x.AsOf);
        var trained = last.Trained!.Value;
        return data with
        {
            Lines = [new ReferenceLine(true, (double)trained, context.F("monitoring.trained", trained))],
            Notes = [context.F("monitoring.note", last.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), last.Accounts, last.Churned)],
        };
    }
}
