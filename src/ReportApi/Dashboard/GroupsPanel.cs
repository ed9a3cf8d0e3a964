using System.Globalization;
using System.Text;
using Analytics.ReportApi.Charts;
using Analytics.Warehouse.Reports;
using DuckDB.NET.Data;

namespace Analytics.ReportApi.Dashboard;

/// <summary>One group of companies (集团客户) in the dashboard's groups panel: its members in the selection and their revenue.</summary>
internal sealed record TopGroup(string GroupId, string Name, string Tier, long Members, decimal Revenue);

/// <summary>
/// The dashboard's groups panel: the largest groups of companies by their members' revenue in the window, with how
/// many members the selection holds and the group's tier; each name links to the page of the group's top company.
/// </summary>
internal static class GroupsPanel
{
    private static readonly Dictionary<string, (string Zh, string En)> Words = new()
    {
        ["title"] = ("收入前 10 集团客户", "Top 10 groups of companies by revenue"),
        ["group"] = ("集团", "Group"),
        ["members"] = ("成员数", "Members"),
    };

    public static IReadOnlyList<TopGroup> Load(DuckDBConnection connection, ReportFilter filter, Func<string, string> accountFilter) =>
        ReportQueries.Run(connection, "top_groups", filter, accountFilter, r => new TopGroup(
            Reader.Text(r, "group_id"), Reader.Text(r, "name"), Reader.Text(r, "tier"), Reader.Long(r, "members"), Reader.Decimal(r, "revenue")));

    public static void Append(StringBuilder html, IReadOnlyList<TopGroup> groups, Language language)
    {
        string W(string key) => language == Language.Zh ? Words[key].Zh : Words[key].En;
        DashboardPage.Table(html, "top-groups", W("title"),
            [Texts.Get(language, "col.rank"), W("group"), Texts.Get(language, "col.tier"), "#" + W("members"), "#" + Texts.Get(language, "col.revenue")],
            groups.Select((g, i) => new[]
            {
                "#" + (i + 1).ToString(CultureInfo.InvariantCulture), g.Name, g.Tier, "#" + g.Members.ToString(CultureInfo.InvariantCulture),
                "#" + DashboardPage.Money(g.Revenue, language),
            }),
            Texts.Get(language, "table.empty"), (1, [.. groups.Select(g => g.GroupId)], language));
    }
}
