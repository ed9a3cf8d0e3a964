using System.Globalization;
using System.Net;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Tests.Access;

namespace Analytics.Tests.Campaigns;

/// <summary>
/// GET / for marketing keys: marketing's own page, whose campaign outcome rows are the figures /api/campaigns/{id}/outcome
/// gives the same key (so an East-only key sees East members only); a manager still gets the dashboard.
/// </summary>
[Collection(CampaignCompanyReaders.Name)]
public sealed class MarketingPageTests(CampaignCompany company)
{
    [Theory]
    [InlineData(DemoKeys.Marketing)]
    [InlineData(CampaignCompany.MarketingEastKey)]
    public async Task Marketings_page_shows_each_group_of_a_campaign_as_the_outcome_endpoint_gives_it_to_that_key(string key)
    {
        var id = await company.EveryoneCampaign;
        using var client = company.Client(key);
        var outcome = await HttpJson.Send(client, HttpMethod.Get, $"/api/campaigns/{id}/outcome", null, HttpStatusCode.OK);
        using var response = await client.GetAsync(new Uri("/?lang=en", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Marketing: targets and campaigns</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("tile-revenue", html, StringComparison.Ordinal);
        Assert.Contains(Row("targeted", outcome.GetProperty("targeted")), html, StringComparison.Ordinal);
        Assert.Contains(Row("control", outcome.GetProperty("control")), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_east_marketing_key_sees_fewer_members_of_the_campaign_on_its_page_than_the_whole_company_has()
    {
        var id = await company.EveryoneCampaign;
        var all = company.Scalar<long>("select count(*) from campaigns.campaign_members where campaign_id = $1 and not is_control", id);
        using var east = company.Client(CampaignCompany.MarketingEastKey);
        var html = await (await east.GetAsync(new Uri("/?lang=en", UriKind.Relative))).Content.ReadAsStringAsync();
        var eastTargeted = company.Scalar<long>("""
            select count(*) from campaigns.campaign_members m join core.accounts a using (account_id)
            where m.campaign_id = $1 and not m.is_control and a.region = '华东'
            """, id);

        Assert.InRange(eastTargeted, 1, all - 1);
        Assert.Contains($"<td>everyone</td><td>2025-06-30</td><td>targeted</td><td class=\"number\">{eastTargeted}</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_still_gets_the_dashboard_at_the_root()
    {
        using var manager = company.Client(DemoKeys.Manager);
        var html = await (await manager.GetAsync(new Uri("/?lang=en", UriKind.Relative))).Content.ReadAsStringAsync();

        Assert.Contains("<h1>Key-account dashboard</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"campaigns\"", html, StringComparison.Ordinal);
    }

    private static string Row(string group, JsonElement g) =>
        $"<td>everyone</td><td>2025-06-30</td><td>{group}</td><td class=\"number\">{Count(g, "members")}</td>"
        + $"<td class=\"number\">{Count(g, "orderingMembers")}</td><td class=\"number\">{Count(g, "orders")}</td>"
        + $"<td class=\"number\">CNY {g.GetProperty("revenue").GetDecimal().ToString("N2", CultureInfo.InvariantCulture)}</td>";

    private static string Count(JsonElement g, string name) => g.GetProperty(name).GetInt64().ToString("N0", CultureInfo.InvariantCulture);
}
