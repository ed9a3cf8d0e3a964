namespace Analytics.ReportApi.Charts;

/// <summary>
/// Revenue (net sales) per month of the window, stacked by the ordering company's current 80/20 tier; a click on a
/// tier's bar opens the dashboard filtered to that tier.
/// </summary>
internal sealed class RevenueByMonthChart : IChart
{
    public string Name => "revenue-by-month";

    public ChartData Build(ChartContext context)
    {
        var rows = context.Query("revenue_by_month", r => (Month: Reader.Date(r, "month"), Tier: Reader.Text(r, "tier"), Revenue: Reader.Decimal(r, "revenue")));
        var months = rows.Select(x => x.Month).Distinct().Order().ToList();
        var largest = rows.GroupBy(x => x.Month).Select(g => g.Sum(x => x.Revenue)).DefaultIfEmpty(0).Max();
        var (unit, scale) = context.MoneyUnit(largest);
        var series = ChartRequest.Tiers
            .Where(tier => rows.Any(x => x.Tier == tier))
            .Select(tier => new ChartSeries(
                Texts.GroupValue(context.Language, "tier", tier),
                rows.Where(x => x.Tier == tier).Select(x => new ChartPoint(months.IndexOf(x.Month), x.Revenue, Link: context.DashboardLink(tier: tier))).ToList()))
            .ToList();
        return new ChartData(Name, ChartKind.StackedBars, context.T("revenue.title"), context.T("revenue.x"), context.F("revenue.y", unit), series)
        {
            Categories = months.Select(m => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            YScale = scale,
            EmptyMessage = rows.Count == 0 ? context.T("no_data") : null,
        };
    }
}
