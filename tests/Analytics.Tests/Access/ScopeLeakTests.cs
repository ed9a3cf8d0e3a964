using System.Net;
using System.Text;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Tests.Campaigns;
using MiniExcelLibs;

namespace Analytics.Tests.Access;

/// <summary>
/// What a region-limited key and a masked role see of campaign previews, lists, exports and outcomes: no row of
/// another region, no contact of a masked or non-consenting account, in the rows and in every count and sum.
/// </summary>
[Collection(CampaignCompanyReaders.Name)]
public sealed class ScopeLeakTests(CampaignCompany company)
{
    private const string East = DemoKeys.EastRegion;

    private async Task<(long Id, List<JsonElement> Members)> EveryoneAs(string key)
    {
        var id = await company.EveryoneCampaign;
        var members = await HttpJson.Send(company.Client(key), HttpMethod.Get, $"/api/campaigns/{id}/members", null, HttpStatusCode.OK);
        return (id, members.EnumerateArray().ToList());
    }

    private async Task<byte[]> Bytes(string key, string path)
    {
        using var response = await company.Client(key).GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task A_manager_of_the_East_sees_only_East_members_in_the_list_its_counts_sums_exports_and_outcome()
    {
        var (id, members) = await EveryoneAs(DemoKeys.ManagerEast);
        var (eastCount, eastControl, eastValue) = company.Warehouse.Rows("""
            select count(*), count(*) filter (where m.is_control), sum(coalesce(m.predicted_value, m.revenue_12m))
            from campaigns.campaign_members m join core.accounts a using (account_id)
            where m.campaign_id = $1 and a.region = $2
            """, r => (r.GetInt64(0), r.GetInt64(1), r.GetDecimal(2)), id, East).Single();
        var allCount = company.Scalar<long>("select count(*) from campaigns.campaign_members where campaign_id = $1", id);
        Assert.True(eastCount > 0 && eastCount < allCount, $"{eastCount} of {allCount}");

        Assert.Equal(eastCount, members.Count);
        Assert.All(members, m => Assert.Equal(East, m.GetProperty("region").GetString()));

        var client = company.Client(DemoKeys.ManagerEast);
        var campaign = await HttpJson.Send(client, HttpMethod.Get, $"/api/campaigns/{id}", null, HttpStatusCode.OK);
        Assert.Equal(eastCount, campaign.GetProperty("members").GetInt64());
        Assert.Equal(eastControl, campaign.GetProperty("control").GetInt64());
        Assert.Equal(eastValue, campaign.GetProperty("valueAtStake").GetDecimal());
        var listed = (await HttpJson.Send(client, HttpMethod.Get, "/api/campaigns", null, HttpStatusCode.OK)).EnumerateArray()
            .Single(c => c.GetProperty("campaignId").GetInt64() == id);
        Assert.Equal(eastCount, listed.GetProperty("members").GetInt64());

        var csv = Encoding.UTF8.GetString(await Bytes(DemoKeys.ManagerEast, $"/api/campaigns/{id}/members.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(eastCount + 1, csv.Length);
        Assert.All(csv.Skip(1), line => Assert.Equal(East, line.Split(',')[2]));

        using var xlsx = new MemoryStream(await Bytes(DemoKeys.ManagerEast, $"/api/campaigns/{id}/members.xlsx"));
        var sheet = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(eastCount, sheet.Count);
        Assert.All(sheet, row => Assert.Equal(East, row["Region"]));

        var outcome = await HttpJson.Send(client, HttpMethod.Get, $"/api/campaigns/{id}/outcome", null, HttpStatusCode.OK);
        Assert.Equal(eastCount - eastControl, outcome.GetProperty("targeted").GetProperty("members").GetInt64());
        Assert.Equal(eastControl, outcome.GetProperty("control").GetProperty("members").GetInt64());
        var eastRevenue = company.Scalar<decimal>("""
            select coalesce(round(sum(o.net_amount), 2), 0)
            from campaigns.campaign_members m
            join core.accounts a using (account_id)
            join marts.account_merge_map mm on mm.master_account_id = m.account_id
            join marts.orders o on o.account_id = mm.account_id
            where m.campaign_id = $1 and a.region = $2 and not m.is_control and o.order_date > date '2025-06-30' and o.order_date <= date '2025-09-30'
            """, id, East);
        Assert.True(eastRevenue > 0);
        Assert.Equal(eastRevenue, outcome.GetProperty("targeted").GetProperty("revenue").GetDecimal());
    }

    [Fact]
    public async Task Marketing_limited_to_the_East_previews_and_freezes_East_accounts_only()
    {
        var client = company.Client(CampaignCompany.MarketingEastKey);
        var (count, revenue) = company.Warehouse.Rows("""
            select count(*), sum(coalesce(r.revenue, 0))
            from marts.account_segments s join core.accounts a using (account_id)
            left join (
                select m.master_account_id as account_id, round(sum(o.net_amount), 2) as revenue
                from marts.orders o join marts.account_merge_map m using (account_id)
                where o.order_date between date '2024-10-01' and date '2025-09-30' group by 1
            ) r using (account_id)
            where s.is_master and a.region = $1 and s.tier = 'A'
            """, r => (r.GetInt64(0), r.GetDecimal(1)), East).Single();
        var preview = await HttpJson.Send(client, HttpMethod.Post, "/api/targets/preview", """{"tiers":["A"]}""", HttpStatusCode.OK);
        Assert.Equal(count, preview.GetProperty("members").GetInt64());
        Assert.Equal(revenue, preview.GetProperty("revenue12m").GetDecimal());
        Assert.All(preview.GetProperty("top").EnumerateArray(), m => Assert.Equal(East, m.GetProperty("region").GetString()));

        // Asking for another region by rule does not widen the key's scope: to this key there is no such region.
        var north = await HttpJson.Send(client, HttpMethod.Post, "/api/targets/preview", """{"regions":["华北"]}""", HttpStatusCode.BadRequest);
        Assert.Equal("No company you may see has the region '华北'; the regions are 华东.", north.GetProperty("error").GetString());

        var frozen = await HttpJson.Send(client, HttpMethod.Post, "/api/campaigns", """{"name":"East A","rule":{"tiers":["A"]}}""", HttpStatusCode.Created);
        var id = frozen.GetProperty("campaignId").GetInt64();
        Assert.Equal(count, company.Scalar<long>("select count(*) from campaigns.campaign_members where campaign_id = $1", id));
        Assert.Equal(0, company.Scalar<long>("select count(*) from campaigns.campaign_members where campaign_id = $1 and region <> $2", id, East));
        Assert.Equal(East, frozen.GetProperty("regions")[0].GetString());
    }

    [Fact]
    public async Task An_analyst_sees_no_contact_field_in_lists_or_exports()
    {
        var (id, members) = await EveryoneAs(DemoKeys.Analyst);
        Assert.NotEmpty(members);
        Assert.All(members, m =>
        {
            Assert.Equal(JsonValueKind.Null, m.GetProperty("contactName").ValueKind);
            Assert.Equal(JsonValueKind.Null, m.GetProperty("contactPhone").ValueKind);
        });

        var csv = Encoding.UTF8.GetString(await Bytes(DemoKeys.Analyst, $"/api/campaigns/{id}/members.csv"));
        Assert.DoesNotContain("Contact", csv.Split("\r\n")[0], StringComparison.Ordinal);
        using var xlsx = new MemoryStream(await Bytes(DemoKeys.Analyst, $"/api/campaigns/{id}/members.xlsx"));
        var sheet = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.DoesNotContain(sheet[0].Keys, k => k.StartsWith("Contact", StringComparison.Ordinal));

        var json = string.Join("\n", members.Select(m => m.GetRawText()));
        foreach (var (_, phone) in Contacts("true"))
        {
            Assert.DoesNotContain(phone, json, StringComparison.Ordinal);
            Assert.DoesNotContain(phone, csv, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Marketing_sees_the_contacts_that_consented_and_no_other()
    {
        var (id, members) = await EveryoneAs(DemoKeys.Marketing);
        var consenting = company.Scalar<long>("""
            select count(*) from campaigns.campaign_members m join core.accounts a using (account_id)
            where m.campaign_id = $1 and a.contact_consent
            """, id);
        Assert.True(consenting > 0 && consenting < members.Count, $"{consenting} of {members.Count} consented");
        Assert.Equal(consenting, members.Count(m => m.GetProperty("contactPhone").ValueKind == JsonValueKind.String));

        var csv = Encoding.UTF8.GetString(await Bytes(DemoKeys.Marketing, $"/api/campaigns/{id}/members.csv"));
        var json = string.Join("\n", members.Select(m => m.GetRawText()));
        var refused = Contacts("not coalesce(contact_consent, false)");
        Assert.NotEmpty(refused);
        foreach (var (_, phone) in refused)
        {
            Assert.DoesNotContain(phone, json, StringComparison.Ordinal);
            Assert.DoesNotContain(phone, csv, StringComparison.Ordinal);
        }

        foreach (var (_, phone) in Contacts("contact_consent"))
        {
            Assert.Contains(phone, csv, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_manager_sees_every_contact()
    {
        var (_, members) = await EveryoneAs(DemoKeys.Manager);
        var withPhone = company.Scalar<long>("""
            select count(*) from campaigns.campaign_members m join core.accounts a using (account_id)
            where m.campaign_id = (select min(campaign_id) from campaigns.campaigns where name = 'everyone') and a.contact_phone is not null
            """);
        Assert.Equal(withPhone, members.Count(m => m.GetProperty("contactPhone").ValueKind == JsonValueKind.String));
    }

    /// <summary>The contacts of the accounts matching a predicate on core.accounts.</summary>
    private List<(string Name, string Phone)> Contacts(string predicate) =>
        company.Warehouse.Rows($"select contact_name, contact_phone from core.accounts where contact_phone is not null and ({predicate})",
            r => (r.GetString(0), r.GetString(1)));
}
