using Analytics.ReportApi.Charts;

namespace Analytics.ReportApi.Accounts;

/// <summary>The account page's charts, drawn by the dashboard's <see cref="ChartRenderer"/> from the page's own numbers.</summary>
internal static class AccountCharts
{
    public static IReadOnlyList<string> Names { get; } = ["revenue", "margin"];

    public static ChartData? Build(string name, AccountModel model, Language language)
    {
        ArgumentNullException.ThrowIfNull(model);
        var months = model.Months;
        var categories = months.Select(m => m.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        string T(string key) => Texts.Get(language, key);
        switch (name)
        {
            case "revenue":
                var largest = months.Select(m => m.Revenue).DefaultIfEmpty(0).Max();
                var (unit, scale) = largest >= 1_000_000m ? (T("unit.million"), 1_000_000d) : largest >= 10_000m ? (T("unit.thousand"), 1_000d) : (T("unit.yuan"), 1d);
                return new ChartData("account-revenue", ChartKind.Bars, AccountTexts.Get(language, "chart.revenue"), T("revenue.x"),
                    Texts.Format(language, "revenue.y", unit),
                    [new ChartSeries(AccountTexts.Get(language, "chart.revenue"), months.Select((m, i) => new ChartPoint(i, m.Revenue)).ToList())])
                {
                    Categories = categories,
                    YScale = scale,
                    EmptyMessage = months.All(m => m.Orders == 0) ? T("no_data") : null,
                };
            case "margin":
                var cap = model.Contracts.Select(c => c.MarginCapPct).Where(c => c is not null).Min();
                return new ChartData("account-margin", ChartKind.Line, AccountTexts.Get(language, "chart.margin"), T("revenue.x"),
                    AccountTexts.Get(language, "chart.margin.y"),
                    [new ChartSeries(AccountTexts.Get(language, "chart.margin.series"),
                        months.Select((m, i) => (m, i)).Where(x => x.m.Margin is not null).Select(x => new ChartPoint(x.i, x.m.Margin!.Value * 100)).ToList())])
                {
                    Categories = categories,
                    Lines = cap is { } c ? [new ReferenceLine(true, (double)c, AccountTexts.Format(language, "chart.cap", c))] : [],
                    EmptyMessage = months.All(m => m.Margin is null) ? T("no_data") : null,
                };
            default:
                return null;
        }
    }
}
