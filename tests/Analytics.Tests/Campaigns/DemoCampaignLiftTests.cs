using System.Text.Json.Nodes;
using Analytics.ReportApi.Access;
using Analytics.Tests.Support;

namespace Analytics.Tests.Campaigns;

/// <summary>
/// A fresh demo has a campaign with something to measure: the key-account visits the demo company made seven months
/// before its data ends, recorded at the first start with the control group it held out. The demo plants an effect
/// in the visited accounts' orders (docs/access-and-campaigns.md); the outcome a marketing user reads finds it.
/// </summary>
[Collection(DemoService.Collection)]
public sealed class DemoCampaignLiftTests(DemoService demo)
{
    [Fact]
    public async Task The_demo_campaign_frozen_on_a_past_day_shows_targeted_members_buying_more_than_control()
    {
        Assert.NotNull(demo.DemoCampaignId);
        using var marketing = demo.Service.Client(DemoKeys.Marketing);
        var outcome = JsonNode.Parse(await marketing.GetStringAsync(new Uri($"/api/campaigns/{demo.DemoCampaignId}/outcome", UriKind.Relative)))!;

        Assert.True(string.CompareOrdinal((string)outcome["frozenOn"]!, (string)outcome["asOf"]!) < 0, outcome.ToJsonString());
        var targeted = outcome["targeted"]!;
        var control = outcome["control"]!;
        Assert.True((long)control["members"]! >= 5 && (long)targeted["members"]! > (long)control["members"]!, outcome.ToJsonString());
        var ordersPerMember = (double)(long)targeted["orders"]! / (long)targeted["members"]!;
        var controlOrdersPerMember = (double)(long)control["orders"]! / (long)control["members"]!;
        Assert.True(ordersPerMember > controlOrdersPerMember, outcome.ToJsonString());
        Assert.True((decimal)outcome["revenueLiftPerMember"]! > 0, outcome.ToJsonString());
    }
}
