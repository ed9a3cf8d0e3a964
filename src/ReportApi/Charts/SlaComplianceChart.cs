namespace Analytics.ReportApi.Charts;

/// <summary>
/// The share of measured tickets within their SLA per month of the window, against the target (sla.target_met_rate).
/// A month's point links to its rows of the SlaByMonthRegion set (the figures it sums: measured and breached tickets
/// per region and tier), narrowed by the chart's tier and region.
/// </summary>
internal sealed class SlaComplianceChart : IChart
{
    public string Name => "sla-compliance";

    public ChartData Build(ChartContext context)
    {
        var rows = context.Query("sla_by_month", r => (
            Month: Reader.Date(r, "month"),
            MetRate: Reader.NullableDecimal(r, "met_rate"),
            Target: Reader.Decimal(r, "target_met_rate")))
            .Where(x => x.MetRate is not null)
            .ToList();
        var points = rows.Select((x, i) => new ChartPoint(i, x.MetRate!.Value * 100, Link: ChartContext.ODataLink("SlaByMonthRegion",
            [$"Month eq {ChartContext.ODataDate(x.Month)}", .. context.FilterConditions("Tier", "Region")]))).ToList();
        var data = new ChartData(Name, ChartKind.Line, context.T("sla.title"), context.T("sla.x"), context.T("sla.y"),
            [new ChartSeries(context.T("sla.series"), points)])
        {
            Categories = rows.Select(x => x.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        };
        if (rows.Count == 0)
        {
            return data with { EmptyMessage = context.T("no_data") };
        }

        var target = rows[0].Target * 100;
        return data with { Lines = [new ReferenceLine(true, (double)target, context.F("sla.target", target))] };
    }
}
