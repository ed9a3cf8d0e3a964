namespace Analytics.ReportApi.Charts;

/// <summary>
/// The 80/20 curve: share of accounts (largest first) against cumulative share of value, the 80% line and the headline.
/// A company's point links to its account page: every company's on a curve of up to <see cref="LinkedPoints"/>; on a
/// longer one the first of each 1/LinkedPoints of the curve, as thousands of points share each pixel and the SVG would
/// carry a link per company nobody can aim at.
/// </summary>
internal sealed class ParetoChart : IChart
{
    private const int LinkedPoints = 400;

    public string Name => "pareto";

    public ChartData Build(ChartContext context)
    {
        var rows = context.Query("pareto", r => (
            Rank: Reader.Long(r, "rank"),
            AccountShare: Reader.Decimal(r, "account_share"),
            ValueShare: Reader.Decimal(r, "value_share"),
            TopAccounts: Reader.Long(r, "top_accounts"),
            AccountId: Reader.Text(r, "master_account_id"),
            CompanyName: Reader.Text(r, "name")));
        var step = (rows.Count + LinkedPoints - 1) / LinkedPoints;
        var points = rows.Select(x => new ChartPoint((double)x.AccountShare * 100, x.ValueShare * 100,
            Link: (x.Rank - 1) % step == 0 ? context.AccountLink(x.AccountId) : null) { Name = x.CompanyName }).ToList();
        var data = new ChartData(Name, ChartKind.Line, context.T("pareto.title"), context.T("pareto.x"), context.T("pareto.y"),
            [new ChartSeries(context.T("pareto.series"), points)])
        {
            Lines = [new ReferenceLine(true, 80, context.T("pareto.line80"))],
        };
        if (rows.Count == 0)
        {
            return data with { EmptyMessage = context.T("no_data") };
        }

        var top = rows[(int)rows[0].TopAccounts - 1];
        var topPercent = Math.Round(top.TopAccounts * 100m / rows.Count);
        return data with
        {
            Lines = [.. data.Lines, new ReferenceLine(false, (double)top.AccountShare * 100, $"{topPercent}%")],
            Notes = [context.F("pareto.top", topPercent, top.TopAccounts, top.ValueShare * 100)],
        };
    }
}
