namespace Analytics.ReportApi.Charts;

/// <summary>
/// Who to save first: each key account (tier A; with a tier filter, that tier's accounts) with a current score,
/// its revenue in the window against its churn probability. Only the few with the most value at risk (revenue times
/// churn probability) are named, so the names can be read; every point links to its account's page.
/// Before any score run the chart says so instead of drawing an empty frame.
/// </summary>
internal sealed class ChurnRiskChart : IChart
{
    private const int NamedAccounts = 5;

    public string Name => "churn-risk";

    public ChartData Build(ChartContext context)
    {
        var tier = context.Request.Filter.Tier ?? "A";
        var rows = context.State.HasScores
            ? context.Query("churn_risk_value", r => (
                AccountId: Reader.Text(r, "master_account_id"),
                Name: Reader.Text(r, "name"),
                Tier: Reader.Text(r, "tier"),
                Value: Reader.Decimal(r, "value"),
                Probability: Reader.Decimal(r, "churn_probability")))
                .Where(x => x.Tier == tier)
                .ToList()
            : [];
        var (unit, scale) = context.MoneyUnit(rows.Select(x => x.Value).DefaultIfEmpty(0).Max());
        var named = rows.OrderByDescending(x => x.Value * x.Probability).ThenBy(x => x.AccountId, StringComparer.Ordinal)
            .Take(NamedAccounts).Select(x => x.AccountId).ToHashSet();
        var points = rows.Select(x => new ChartPoint((double)x.Value, x.Probability * 100, named.Contains(x.AccountId) ? x.Name : null, context.AccountLink(x.AccountId))
        {
            Name = x.Name,
        }).ToList();
        // Tier A is the key accounts the chart exists for; another tier's chart must not claim to show them.
        var title = tier == "A" ? context.T("risk.title") : context.F("risk.title.tier", Texts.GroupValue(context.Language, "tier", tier));
        return new ChartData(Name, ChartKind.Scatter, title, context.F("risk.x", unit), context.T("risk.y"),
            [new ChartSeries(Texts.GroupValue(context.Language, "tier", tier), points)])
        {
            XScale = scale,
            Lines = [new ReferenceLine(true, 50, context.T("risk.band"))],
            EmptyMessage = !context.State.HasScores ? context.T("no_scores") : rows.Count == 0 ? context.T("no_data") : null,
        };
    }
}
