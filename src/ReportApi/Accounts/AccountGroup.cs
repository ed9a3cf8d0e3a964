using System.Globalization;
using System.Text;
using Analytics.ReportApi.Charts;
using static Analytics.ReportApi.Dashboard.DashboardPage;

namespace Analytics.ReportApi.Accounts;

/// <summary>One company of the account's group of companies as the caller may see it; Relation: self, parent, child or member.</summary>
internal sealed record GroupMate(string AccountId, string Name, string GroupId, string GroupName, long Depth, string Region, string Tier, decimal Revenue12m, string Relation);

/// <summary>The account page's group section (集团客户): the group's name and its members the caller may see, each linking to its page.</summary>
internal static class AccountGroup
{
    private static readonly Dictionary<string, (string Zh, string En)> Words = new()
    {
        ["title"] = ("集团成员", "Group members"),
        ["relation"] = ("关系", "Relation"),
        ["depth"] = ("层级", "Level below top"),
        ["revenue"] = ("近 12 个月收入", "Revenue, last 12 months"),
        ["self"] = ("本客户", "this account"),
        ["parent"] = ("上级公司", "parent"),
        ["child"] = ("下属公司", "subsidiary"),
        ["member"] = ("集团成员", "member"),
    };

    /// <summary>What the page's "Group" field says: the group's name and id, or null when the account is in no group.</summary>
    public static string? Name(IReadOnlyList<GroupMate> mates) =>
        mates.Count == 0 ? null : $"{mates[0].GroupName} ({mates[0].GroupId})";

    public static void Append(StringBuilder html, IReadOnlyList<GroupMate> mates, Language language)
    {
        if (mates.Count == 0)
        {
            return;
        }

        string W(string key) => language == Language.Zh ? Words[key].Zh : Words[key].En;
        Table(html, "group-members", W("title"),
            [AccountTexts.Get(language, "f.name"), W("relation"), "#" + W("depth"), AccountTexts.Get(language, "f.region"), AccountTexts.Get(language, "f.tier"), "#" + W("revenue")],
            mates.Select(m => new[]
            {
                m.Name, W(m.Relation), "#" + m.Depth.ToString(CultureInfo.InvariantCulture), m.Region, Texts.GroupValue(language, "tier", m.Tier),
                "#" + Money(m.Revenue12m, language),
            }),
            AccountTexts.Get(language, "none"), (0, [.. mates.Select(m => m.AccountId)], language));
    }
}
