using Analytics.ReportApi.Charts;

namespace Analytics.ReportApi.Dashboard;

/// <summary>
/// The cost of churn (挽留价值, issue 16): per 80/20 tier and region, what keeping the companies at risk would be worth
/// (churn probability x predicted value, summed to the cent), with a total row that is exactly the sum of the rows.
/// </summary>
internal static class ChurnCostPanel
{
    public static void Append(System.Text.StringBuilder html, DashboardModel model, Language language, Func<string, string> t)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = model.ChurnCost;
        IEnumerable<string[]> cells = rows.Select(r => Cells(Texts.GroupValue(language, "tier", r.Tier), r.Region, r.Companies,
            r.HighRiskCompanies, r.CriticalAccounts, r.PredictedValue, r.ChurnCost, r.CriticalChurnCost, language));
        if (rows.Count > 1)
        {
            cells = cells.Append(Cells(t("row.total"), "", rows.Sum(r => r.Companies), rows.Sum(r => r.HighRiskCompanies),
                rows.Sum(r => r.CriticalAccounts), rows.Sum(r => r.PredictedValue), rows.Sum(r => r.ChurnCost), rows.Sum(r => r.CriticalChurnCost), language));
        }

        DashboardPage.Table(html, "churn-cost", t("table.churn_cost"),
            [t("col.tier"), t("col.region"), "#" + t("col.companies"), "#" + t("col.high_risk"), "#" + t("col.critical"),
             "#" + t("col.predicted_value"), "#" + t("col.churn_cost"), "#" + t("col.critical_churn_cost")],
            cells, model.HasScores ? t("table.empty") : t("tile.no_scores"));
    }

    private static string[] Cells(string tier, string region, long companies, long highRisk, long critical,
        decimal predicted, decimal cost, decimal criticalCost, Language language) =>
    [
        tier, region, "#" + Count(companies), "#" + Count(highRisk), "#" + Count(critical),
        "#" + DashboardPage.Money(predicted, language), "#" + DashboardPage.Money(cost, language), "#" + DashboardPage.Money(criticalCost, language),
    ];

    private static string Count(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
