using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Tests.Access;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace Analytics.Tests.Campaigns;

/// <summary>
/// A campaign on the small demo company from rule to outcome, every figure checked against SQL written here over
/// the marts and the scores, not through the campaign code.
/// </summary>
public sealed class CampaignEndToEndTests(CampaignCompany company, ITestOutputHelper output) : IClassFixture<CampaignCompany>
{
    private const string Rule = """{"tiers":["A","B"],"churnRiskRising":true,"cancelByWithinDays":730}""";

    /// <summary>The rule above, written out: masters in tier A or B whose risk rose and with a cancel-by day within 730 days of 2025-09-30.</summary>
    private const string ExpectedMembers = """
        with cur as (select account_id, churn_probability as p, predicted_value from models.account_scores where score_run_id = 2),
        prev as (select account_id, churn_probability as p from models.account_scores where score_run_id = 1),
        renewing as (
            select distinct m.master_account_id as account_id
            from marts.contract_status c join marts.account_merge_map m using (account_id)
            where c.cancel_by between date '2025-09-30' and date '2025-09-30' + 730
        ), revenue as (
            select m.master_account_id as account_id, round(sum(o.net_amount), 2) as revenue
            from marts.orders o join marts.account_merge_map m using (account_id)
            where o.order_date between date '2024-10-01' and date '2025-09-30'
            group by 1
        )
        select s.account_id, coalesce(r.revenue, 0)::decimal(18,2), cur.predicted_value, a.contact_consent, a.contact_name
        from marts.account_segments s
        join core.accounts a using (account_id)
        join cur using (account_id)
        join prev using (account_id)
        left join revenue r using (account_id)
        where s.is_master and s.tier in ('A', 'B') and cur.p > prev.p
          and s.account_id in (select account_id from renewing)
        order by s.account_id
        """;

    private sealed record Expected(string AccountId, decimal Revenue, decimal? Predicted, bool Consent, string? ContactName)
    {
        public decimal Value => Predicted ?? Revenue;
    }

    [Fact]
    public async Task A_campaign_runs_from_rule_to_preview_freeze_export_and_outcome_with_its_control_group()
    {
        var marketing = company.Client(DemoKeys.Marketing);
        var expected = company.Warehouse.Rows(ExpectedMembers, r => new Expected(
            r.GetString(0), r.GetDecimal(1), r.IsDBNull(2) ? null : r.GetDecimal(2), !r.IsDBNull(3) && r.GetBoolean(3), r.IsDBNull(4) ? null : r.GetString(4)));
        output.WriteLine($"members {expected.Count}, value at stake {expected.Sum(e => e.Value)}");
        Assert.InRange(expected.Count, 8, 40);
        Assert.Contains(expected, e => e.Predicted is null);
        Assert.Contains(expected, e => e.Predicted is not null);

        // The rule, saved and previewed.
        var saved = await HttpJson.Send(marketing, HttpMethod.Post, "/api/targets", $$"""{"name":"A/B 客户, risk rising, renewal within two years","rule":{{Rule}}}""", HttpStatusCode.Created);
        var targetId = saved.GetProperty("targetId").GetInt64();
        var preview = await HttpJson.Send(marketing, HttpMethod.Get, $"/api/targets/{targetId}/preview", null, HttpStatusCode.OK);
        Assert.Equal("2025-09-30", preview.GetProperty("asOf").GetString());
        Assert.Equal(expected.Count, preview.GetProperty("members").GetInt64());
        Assert.Equal(expected.Count(e => e.Predicted is not null), preview.GetProperty("scored").GetInt64());
        Assert.Equal(expected.Sum(e => e.Value), preview.GetProperty("valueAtStake").GetDecimal());
        Assert.Equal(expected.Sum(e => e.Revenue), preview.GetProperty("revenue12m").GetDecimal());
        Assert.Equal(expected.Sum(e => e.Predicted ?? 0), preview.GetProperty("predictedValue").GetDecimal());
        Assert.Equal(
            expected.OrderByDescending(e => e.Value).ThenBy(e => e.AccountId, StringComparer.Ordinal).Take(20).Select(e => e.AccountId),
            preview.GetProperty("top").EnumerateArray().Select(m => m.GetProperty("accountId").GetString()));

        // Frozen with 30% held out by seed 42: the first round(0.3 n) members in the order of md5("42:" + id).
        var campaign = await HttpJson.Send(marketing, HttpMethod.Post, "/api/campaigns", $$"""{"name":"续约关怀 renewal care","targetId":{{targetId}},"controlFraction":0.3,"seed":42}""", HttpStatusCode.Created);
        var id = campaign.GetProperty("campaignId").GetInt64();
        var controlCount = (int)Math.Round(0.3m * expected.Count, MidpointRounding.AwayFromZero);
        var control = expected.Select(e => e.AccountId).OrderBy(a => Md5Hex("42:" + a), StringComparer.Ordinal).Take(controlCount).ToHashSet();
        Assert.Equal("2025-09-30", campaign.GetProperty("frozenOn").GetString());
        Assert.Equal(expected.Count, campaign.GetProperty("members").GetInt64());
        Assert.Equal(controlCount, campaign.GetProperty("control").GetInt64());
        Assert.Equal(expected.Sum(e => e.Value), campaign.GetProperty("valueAtStake").GetDecimal());

        var members = (await HttpJson.Send(marketing, HttpMethod.Get, $"/api/campaigns/{id}/members", null, HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(expected.Select(e => e.AccountId).Order(StringComparer.Ordinal), members.Select(m => m.GetProperty("accountId").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(control.Order(StringComparer.Ordinal),
            members.Where(m => m.GetProperty("isControl").GetBoolean()).Select(m => m.GetProperty("accountId").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(members, m => Assert.Equal("more service tickets; breached SLAs; falling orders", m.GetProperty("topReasons").GetString()));
        // Marketing sees a contact exactly where it consented.
        var byId = expected.ToDictionary(e => e.AccountId);
        Assert.All(members, m => Assert.Equal(
            byId[m.GetProperty("accountId").GetString()!] is { Consent: true } e ? e.ContactName : null,
            m.GetProperty("contactName").GetString()));

        // The exports: CSV with a byte order mark, and an XLSX that reads back to the same list.
        using var csvResponse = await marketing.GetAsync(new Uri($"/api/campaigns/{id}/members.csv", UriKind.Relative));
        var csv = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var csvLines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("AccountId,Name,Region,Industry,Tier,Level,LifecycleStage,ChurnProbability,ChurnProbabilityChange,PredictedValue,Revenue12m,CancelBy,TopReasons,Group,ContactName,ContactPhone", csvLines[0]);
        Assert.Equal(expected.Count + 1, csvLines.Length);

        using var xlsxResponse = await marketing.GetAsync(new Uri($"/api/campaigns/{id}/members.xlsx", UriKind.Relative));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType?.MediaType);
        using var xlsx = new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync());
        var sheet = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(expected.Count, sheet.Count);
        foreach (var row in sheet)
        {
            var e = byId[(string)row["AccountId"]!];
            Assert.Equal(control.Contains(e.AccountId) ? "control" : "targeted", row["Group"]);
            Assert.Equal(e.Revenue, Convert.ToDecimal(row["Revenue12m"], CultureInfo.InvariantCulture));
            Assert.Equal(e.Consent ? e.ContactName : null, row["ContactName"] as string is { Length: > 0 } name ? name : null);
        }

        Assert.Equal(expected.Sum(e => e.Value), sheet.Sum(r => r["PredictedValue"] is { } v ? Convert.ToDecimal(v, CultureInfo.InvariantCulture) : Convert.ToDecimal(r["Revenue12m"], CultureInfo.InvariantCulture)));

        // Three months later: the data runs to its end, the list stays as frozen, and the outcome counts what happened after the freeze.
        company.Warehouse.RefreshMarts(("as_of_date", ""));
        var after = (await HttpJson.Send(marketing, HttpMethod.Get, $"/api/campaigns/{id}/members", null, HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(members.Select(m => m.GetRawText()), after.Select(m => m.GetRawText()));

        var outcome = await HttpJson.Send(marketing, HttpMethod.Get, $"/api/campaigns/{id}/outcome", null, HttpStatusCode.OK);
        Assert.Equal("2025-12-31", outcome.GetProperty("asOf").GetString());
        var targeted = expected.Select(e => e.AccountId).Where(a => !control.Contains(a)).ToList();
        AssertGroup(outcome.GetProperty("targeted"), targeted);
        AssertGroup(outcome.GetProperty("control"), [.. control]);
        output.WriteLine(outcome.GetRawText());
    }

    /// <summary>A group's outcome against its members' orders after 2025-09-30 and churn after it, counted here.</summary>
    private void AssertGroup(JsonElement group, List<string> accounts)
    {
        var ids = string.Join(", ", accounts.Select(a => $"'{a}'"));
        var orders = company.Scalar<long>($"""
            select count(*) from marts.orders o join marts.account_merge_map m using (account_id)
            where m.master_account_id in ({ids}) and o.order_date > date '2025-09-30'
            """);
        var revenue = company.Scalar<decimal>($"""
            select coalesce(round(sum(o.net_amount), 2), 0) from marts.orders o join marts.account_merge_map m using (account_id)
            where m.master_account_id in ({ids}) and o.order_date > date '2025-09-30'
            """);
        var ordering = company.Scalar<long>($"""
            select count(distinct m.master_account_id) from marts.orders o join marts.account_merge_map m using (account_id)
            where m.master_account_id in ({ids}) and o.order_date > date '2025-09-30'
            """);
        var churned = company.Scalar<long>($"""
            select count(distinct master_account_id) from marts.account_churn
            where master_account_id in ({ids}) and churned_on > date '2025-09-30'
            """);
        Assert.Equal(accounts.Count, group.GetProperty("members").GetInt64());
        Assert.Equal(ordering, group.GetProperty("orderingMembers").GetInt64());
        Assert.Equal(orders, group.GetProperty("orders").GetInt64());
        Assert.Equal(revenue, group.GetProperty("revenue").GetDecimal());
        Assert.Equal(churned, group.GetProperty("churned").GetInt64());
        Assert.Equal(Math.Round(revenue / accounts.Count, 2), group.GetProperty("revenuePerMember").GetDecimal());
        Assert.True(orders > 0, "the demo's accounts keep ordering after the freeze");
    }

#pragma warning disable CA5351 // MD5 here is the documented order of the control group draw, not a security measure.
    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
}
