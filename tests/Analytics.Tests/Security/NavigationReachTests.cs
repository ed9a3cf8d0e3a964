using System.Net;
using System.Text.Json;

namespace Analytics.Tests.Security;

/// <summary>
/// Marketing may read campaign lists, not the book: no $expand, navigation path or lambda from a campaign list
/// reaches accounts, orders, tickets or contracts for it, while roles that may read those sets still reach them.
/// </summary>
public sealed class NavigationReachTests(CampaignBook company) : IClassFixture<CampaignBook>
{
    private static readonly (string, string?) Marketing = ("marketing", null);
    private static readonly (string, string?) Analyst = ("analyst", null);

    private static void AssertForbidden((HttpStatusCode Status, string Body) answer, string set)
    {
        Assert.True(answer.Status == HttpStatusCode.Forbidden, $"{(int)answer.Status}: {answer.Body}");
        var error = JsonDocument.Parse(answer.Body).RootElement.GetProperty("error");
        Assert.Equal("Forbidden", error.GetProperty("code").GetString());
        Assert.Contains($"/odata/{set}", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Marketing_expanding_campaign_members_into_accounts_gets_403_naming_accounts_not_every_order()
    {
        var answer = await company.Host.Get("/odata/CampaignMembers?$expand=Account($expand=Orders($expand=Lines),Tickets,Contracts,Score)", Marketing);

        AssertForbidden(answer, "Accounts");
        Assert.DoesNotContain("\"O3\"", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Marketing_following_a_navigation_path_from_a_member_to_its_account_gets_403()
    {
        AssertForbidden(await company.Host.Get("/odata/CampaignMembers(CampaignId=1,AccountId='A1')/Account", Marketing), "Accounts");
        AssertForbidden(await company.Host.Get("/odata/Campaigns(1)/Members?$expand=Account", Marketing), "Accounts");
    }

    [Fact]
    public async Task Marketing_still_reads_campaigns_with_their_members()
    {
        var campaigns = await company.Host.Json("/odata/Campaigns?$expand=Members($select=AccountId)", Marketing);
        var withMembers = await company.Host.Json("/odata/Campaigns?$filter=Members/any()&$select=CampaignId", Marketing);

        Assert.Equal(2, campaigns.GetProperty("value")[0].GetProperty("Members").GetArrayLength());
        Assert.Equal(1, withMembers.GetProperty("value").GetArrayLength());
    }

    [Fact]
    public async Task An_analyst_who_may_read_accounts_and_orders_reaches_them_from_campaign_members()
    {
        var members = await company.Host.All("/odata/CampaignMembers?$expand=Account($select=AccountId;$expand=Orders($select=OrderId))", Analyst);

        Assert.Equal(["O1", "O2", "O3"], members.SelectMany(m => m.GetProperty("Account").GetProperty("Orders").EnumerateArray()).Select(o => o.GetProperty("OrderId").GetString()).Order().ToList());
    }
}
