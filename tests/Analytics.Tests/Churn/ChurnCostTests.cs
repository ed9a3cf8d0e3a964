using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Analytics.ReportApi.Access;
using Analytics.Tests.OData;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Churn;

/// <summary>
/// The cost of churn (issue 16, item 10: "the cost of reducing churn: what keeping the accounts at risk would be
/// worth: churn probability x predicted value, per tier and region"), on five hand-written companies as of 2025-06-30.
/// Revenue 9000 / 600 / 300 / 100 / none makes C1 tier A (0% before it), C2 B (90% before it), C3, C4, C5 C.
/// C1 is the one critical account (the most orders and revenue, the only known margin). The latest pass's scores,
/// churn_cost = round(p to 6 decimals x predicted value, 2), half away from zero:
///   C1 华东 A high   0.8          x 12345.67 = 9876.536 -> 9876.54
///   C2 华东 B medium 0.3333333333 -> 0.333333 x 1000.00 = 333.333 -> 333.33
///   C3 华北 C low    0.125        x 0.20     = 0.025    -> 0.03
///   C4 华东 C low    0.1234567    -> 0.123457 x 500.00 = 61.7285 -> 61.73
///   C5 华北 C        not scored
/// In all 10271.63. An older pass scored C1 at 0.1 x 1.00: only the latest counts.
/// </summary>
public sealed class ChurnCostTests : IDisposable
{
    private static readonly string[] Columns =
        ["Tier", "Region", "Companies", "HighRiskCompanies", "CriticalAccounts", "PredictedValue", "ChurnCost", "CriticalChurnCost"];

    private readonly TestWarehouse _warehouse = new();
    private readonly ODataHost _host;

    public ChurnCostTests()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name,region\nC1,甲公司,华东\nC2,乙公司,华东\nC3,丙公司,华北\nC4,丁公司,华东\nC5,戊公司,华北\n");
        _warehouse.LoadText("products.csv", "product_id,name\nP1,服务器\n");
        _warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,amount
            X1,C1,2025-02-01,
            X2,C1,2025-03-01,
            X3,C1,2025-04-01,
            Y1,C2,2025-03-15,600.00
            Z1,C3,2025-04-15,300.00
            W1,C4,2025-05-15,100.00
            """);
        _warehouse.LoadText("order_lines.csv", "order_id,product_id,quantity,unit_price,unit_cost\nX1,P1,1,3000.00,2000.00\nX2,P1,1,3000.00,2000.00\nX3,P1,1,3000.00,2000.00\n");
        _warehouse.RefreshMarts(("as_of_date", "2025-06-30"));
        using (var connection = _warehouse.Connect())
        {
            foreach (var run in new[] { 1L, 2L })
            {
                connection.Execute("""
                    insert into models.score_runs (score_run_id, scored_at, as_of, data_version, churn_version, accounts)
                    values ($1, now(), date '2025-06-30', (select version from meta.data_version), 'churn-hand-' || $1, 4)
                    """, run);
            }

            connection.Execute("""
                insert into models.account_scores (score_run_id, account_id, as_of, churn_probability, churn_risk_band, predicted_value) values
                    (1, 'C1', date '2025-06-30', 0.1, 'low', 1.00),
                    (2, 'C1', date '2025-06-30', 0.8, 'high', 12345.67),
                    (2, 'C2', date '2025-06-30', 0.3333333333, 'medium', 1000.00),
                    (2, 'C3', date '2025-06-30', 0.125, 'low', 0.20),
                    (2, 'C4', date '2025-06-30', 0.1234567, 'low', 500.00)
                """);
        }

        _host = new ODataHost(_warehouse.Database, pageSize: 100);
    }

    public void Dispose()
    {
        _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _warehouse.Dispose();
    }

    [Fact]
    public void Each_scored_company_costs_its_probability_times_its_predicted_value_to_the_cent()
    {
        Assert.Equal(["C1 9876.54", "C2 333.33", "C3 0.03", "C4 61.73"],
            _warehouse.Rows("select account_id || ' ' || churn_cost from models.current_scores order by account_id", r => r.GetString(0)));
    }

    [Fact]
    public async Task The_set_sums_the_companies_cost_by_tier_and_region_and_a_regional_key_reads_only_its_rows()
    {
        var rows = await _host.All("/odata/ChurnCostByTier?$orderby=Tier,Region");
        var north = await _host.All("/odata/ChurnCostByTier", (Roles.Manager, "华北"));
        var total = await _host.All("/odata/ChurnCostByTier?$apply=aggregate(ChurnCost with sum as ChurnCost)");
        var scores = await _host.All("/odata/AccountScores?$select=AccountId,ChurnCost");

        Assert.Equal(
            [
                "A 华东 1 1 1 12345.67 9876.54 9876.54",
                "B 华东 1 0 0 1000 333.33 0",
                "C 华东 1 0 0 500 61.73 0",
                "C 华北 2 0 0 0.2 0.03 0",
            ],
            rows.Select(Line));
        Assert.Equal(["C 华北 2 0 0 0.2 0.03 0"], north.Select(Line));
        Assert.Equal(10271.63m, total.Single().GetProperty("ChurnCost").GetDecimal());
        Assert.Equal(10271.63m, scores.Sum(s => s.GetProperty("ChurnCost").GetDecimal()));
    }

    [Fact]
    public async Task The_dashboards_panel_shows_the_same_rows_and_their_total_in_both_languages()
    {
        var (status, english) = await _host.Get("/?lang=en");
        var (_, chinese) = await _host.Get("/?lang=zh");
        var (_, north) = await _host.Get("/?lang=en", (Roles.Manager, "华北"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            [
                "Tier A (key)|华东|1|1|1|CNY 12,346|CNY 9,877|CNY 9,877",
                "Tier B|华东|1|0|0|CNY 1,000|CNY 333|CNY 0",
                "Tier C|华东|1|0|0|CNY 500|CNY 62|CNY 0",
                "Tier C|华北|2|0|0|CNY 0|CNY 0|CNY 0",
                "Total||5|1|1|CNY 13,846|CNY 10,272|CNY 9,877",
            ],
            PanelRows(english));
        Assert.Contains("挽留价值", chinese, StringComparison.Ordinal);
        Assert.Equal(["Tier C|华北|2|0|0|CNY 0|CNY 0|CNY 0"], PanelRows(north));
    }

    private static string Line(JsonElement r) => string.Join(" ", Columns.Select(p => r.GetProperty(p).ToString()));

    private static List<string> PanelRows(string page)
    {
        var section = Regex.Match(page, "<section id=\"churn-cost\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
        return [.. Regex.Matches(section, "<tr><td.*?</tr>", RegexOptions.Singleline)
            .Select(row => string.Join("|", Regex.Matches(row.Value, "<td[^>]*>(.*?)</td>").Select(c => WebUtility.HtmlDecode(c.Groups[1].Value))))];
    }
}
