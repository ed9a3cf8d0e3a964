using System.Globalization;
using System.Text;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Campaigns;
using Analytics.ReportApi.Charts;
using DuckDB.NET.Data;

namespace Analytics.ReportApi.Dashboard;

/// <summary>
/// GET / for a marketing key: its saved target rules with how many companies each targets today, and its campaigns
/// with their outcome, targeted against control, from the day after the freeze to the data's as_of day. Everything
/// within the reader's regions, read through the same store as /api/targets and /api/campaigns.
/// </summary>
internal static class MarketingPage
{
    public static string Render(DuckDBConnection connection, AccessScope scope, ChartRequest request, long dataVersion)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request);
        var language = request.Language;
        var asOf = CampaignStore.AsOf(connection);
        string T(string key) => Texts.Get(language, key);
        var html = new StringBuilder();
        DashboardPage.AppendHead(html, request, T("marketing.title"), asOf, dataVersion);
        html.Append("""
            <main>
            <div class="tables">

            """);
        var members = scope.AccountFilter("account_id");
        DashboardPage.Table(html, "targets", T("marketing.targets"),
            [T("col.target"), "#" + T("col.members"), T("col.created_by")],
            CampaignStore.Targets(connection).Select(t => new[]
            {
                t.Name, "#" + CampaignStore.TargetMembers(connection, t.Rule, members).ToString("N0", CultureInfo.InvariantCulture), t.CreatedBy,
            }),
            T("table.empty"));
        var campaignMembers = scope.AccountFilter("m.account_id");
        DashboardPage.Table(html, "campaigns", T("marketing.campaigns"),
            [T("col.campaign"), T("col.frozen_on"), T("col.group"), "#" + T("col.group_members"), "#" + T("col.ordering"), "#" + T("col.orders"),
                "#" + T("col.revenue"), "#" + T("col.per_member"), "#" + T("col.churned"), "#" + T("col.lift")],
            CampaignStore.Campaigns(connection, campaignMembers).SelectMany(c =>
            {
                var outcome = CampaignStore.Outcome(connection, c.CampaignId, campaignMembers);
                return new[]
                {
                    Group(c, outcome.Targeted, "group.targeted", language, outcome.RevenueLiftPerMember is { } lift ? "#" + DashboardPage.Money(lift, language, "N2") : "#–"),
                    Group(c, outcome.Control, "group.control", language, "#"),
                };
            }),
            T("table.empty"));
        html.Append("</div>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string[] Group(Campaign campaign, GroupOutcome group, string name, Language language, string lift) =>
    [
        campaign.Name, DashboardPage.Day(campaign.FrozenOn), Texts.Get(language, name),
        "#" + group.Members.ToString("N0", CultureInfo.InvariantCulture),
        "#" + group.OrderingMembers.ToString("N0", CultureInfo.InvariantCulture),
        "#" + group.Orders.ToString("N0", CultureInfo.InvariantCulture),
        "#" + DashboardPage.Money(group.Revenue, language, "N2"),
        "#" + (group.RevenuePerMember is { } perMember ? DashboardPage.Money(perMember, language, "N2") : "–"),
        "#" + group.Churned.ToString("N0", CultureInfo.InvariantCulture),
        lift,
    ];
}
