using System.Globalization;

namespace Analytics.ReportApi.Charts;

/// <summary>How lifetime value (models.current_scores.clv) spreads over the selected companies: ten bins of equal width.</summary>
internal sealed class ClvChart : IChart
{
    public string Name => "clv";

    public ChartData Build(ChartContext context)
    {
        var rows = context.State.HasScores
            ? context.Query("clv_distribution", r => (
                Start: Reader.Decimal(r, "bin_start"),
                End: Reader.Decimal(r, "bin_end"),
                Accounts: Reader.Long(r, "accounts")))
            : [];
        var (unit, scale) = context.MoneyUnit(rows.Select(x => x.End).DefaultIfEmpty(0).Max());
        var points = rows.Select((x, i) => new ChartPoint(i, x.Accounts)).ToList();
        return new ChartData(Name, ChartKind.Bars, context.T("clv.title"), context.F("clv.x", unit), context.T("clv.y"),
            [new ChartSeries(context.T("clv.series"), points)])
        {
            Categories = rows.Select(x => string.Create(CultureInfo.InvariantCulture, $"{(double)x.Start / scale:0.#}-{(double)x.End / scale:0.#}")).ToList(),
            EmptyMessage = !context.State.HasScores ? context.T("no_scores") : rows.Count == 0 ? context.T("no_data") : null,
        };
    }
}
