using System.Text;
using System.Text.Json;
using Analytics.Models.Churn;
using Analytics.ReportApi.Access;
using Analytics.Tests.Access;
using Analytics.Tests.Security;
using Analytics.Warehouse;

namespace Analytics.Tests.Campaigns;

/// <summary>
/// Issue 16, item 8: every place that lists why an account is at risk lists what raises the risk, by the one rule
/// (<see cref="ChurnReason.WhyAtRisk"/>): the dashboard's accounts at risk (both languages), a campaign's members, its
/// CSV export; OData AccountScores keeps every reason, the raising ones first and the lowering ones in lowering words.
/// The case of the issue: an account at 0.83 whose strongest reason is "nothing overdue", effect -23.5.
/// </summary>
public sealed class ChurnReasonPlacesTests(CampaignCompany company) : IClassFixture<CampaignCompany>
{
    [Fact]
    public async Task Every_list_of_why_an_account_is_at_risk_shows_what_raises_it()
    {
        var (written, legacy) = WriteTheIssuesCase();
        using var admin = company.Client(DemoKeys.Admin);

        // Dashboard: the two are the only tier-A accounts with a band, so the only ones at risk.
        var en = await RegionBook.Text(admin, "/?lang=en");
        var zh = await RegionBook.Text(admin, "/?lang=zh");
        Assert.Contains("3 SLA breaches in 90 days", en, StringComparison.Ordinal);
        Assert.Contains("2 complaints in 90 days", en, StringComparison.Ordinal);
        Assert.Contains("1 SLA breach in 90 days", en, StringComparison.Ordinal);
        Assert.Contains("90天内3次SLA违约", zh, StringComparison.Ordinal);
        foreach (var lowering in new[] { "nothing overdue", "most churners", "104 days" })
        {
            Assert.DoesNotContain(lowering, en, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("没有逾期欠款", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("流失客户", zh, StringComparison.Ordinal);

        // A campaign's members and their export.
        var id = await company.EveryoneCampaign;
        var members = (await HttpJson.Send(admin, HttpMethod.Get, $"/api/campaigns/{id}/members", null, System.Net.HttpStatusCode.OK))
            .EnumerateArray().ToDictionary(m => m.GetProperty("accountId").GetString()!, m => m.GetProperty("topReasons").GetString());
        Assert.Equal("3 SLA breaches in 90 days; 2 complaints in 90 days", members[written]);
        Assert.Equal("1 SLA breach in 90 days", members[legacy]);
        var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync(new Uri($"/api/campaigns/{id}/members.csv", UriKind.Relative)));
        Assert.Contains("3 SLA breaches in 90 days; 2 complaints in 90 days", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing overdue", csv, StringComparison.Ordinal);

        // OData keeps the model's whole list: raising first, then lowering, each marked, the lowering ones worded so.
        var row = (await RegionBook.Rows(admin, $"/odata/AccountScores?$filter=AccountId eq '{written}'")).Single();
        var reasons = JsonDocument.Parse(row.GetProperty("ChurnReasons").GetString()!).RootElement.EnumerateArray()
            .Select(r => (En: r.GetProperty("en").GetString(), Raises: r.GetProperty("raises").GetBoolean())).ToList();
        Assert.Equal(
            [("3 SLA breaches in 90 days", true), ("2 complaints in 90 days", true),
             ("owing less than most churners (nothing overdue)", false), ("ordered more recently than most churners (last order 104 days ago)", false)],
            reasons);
    }

    [Fact]
    public void Why_at_risk_reads_any_stored_order_and_gives_none_for_unreadable_json()
    {
        const string Legacy = """[{"feature":"overdue_amount","value":0,"effect":-23.5,"en":"nothing overdue","zh":"没有逾期欠款"},{"feature":"a","value":1,"effect":0.2,"en":"a","zh":"甲"},{"feature":"b","value":1,"effect":0.7,"en":"b","zh":"乙"}]""";
        Assert.Equal(["b", "a"], ChurnReason.WhyAtRisk(Legacy, 3).Select(r => r.En));
        Assert.Equal(["b"], ChurnReason.WhyAtRisk(Legacy, 1).Select(r => r.En));
        Assert.Empty(ChurnReason.WhyAtRisk("""[{"feature":"overdue_amount","value":0,"effect":-23.5,"en":"nothing overdue","zh":"没有逾期欠款"}]""", 3));
        Assert.Empty(ChurnReason.WhyAtRisk("{not json", 3));
        Assert.Empty(ChurnReason.WhyAtRisk(null, 3));
    }

    /// <summary>
    /// Two tier-A companies at high risk in the latest pass: one with reasons written as a scoring pass writes them
    /// now, one with the list an older pass stored (strongest first either way, "nothing overdue" at the top).
    /// </summary>
    private (string Written, string Legacy) WriteTheIssuesCase()
    {
        using var connection = company.Warehouse.Connect();
        var accounts = connection.Rows(
            "select account_id from marts.account_segments where is_master and tier = 'A' order by account_id limit 2", r => r.GetString(0));
        var reasons = ChurnReason.ToJson(ChurnReason.Top(
            ["overdue_amount", "recency_days", "sla_breaches_90d", "complaints_90d"], [0, 104, 3, 2], [-23.5f, -1.2f, 0.8f, 0.5f], 3));
        const string Legacy = """[{"feature":"overdue_amount","value":0,"effect":-23.5,"en":"nothing overdue","zh":"没有逾期欠款"},{"feature":"sla_breaches_90d","value":1,"effect":0.4,"en":"1 SLA breach in 90 days","zh":"90天内1次SLA违约"}]""";
        const string Set = "update models.account_scores set churn_probability = $1, churn_risk_band = 'high', churn_reasons = $2 where score_run_id = 2 and account_id = $3";
        connection.Execute(Set, 0.83, reasons, accounts[0]);
        connection.Execute(Set, 0.82, Legacy, accounts[1]);
        return (accounts[0], accounts[1]);
    }
}
