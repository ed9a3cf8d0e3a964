using System.Net;
using System.Text.RegularExpressions;
using Analytics.ReportApi.Access;
using Analytics.Tests.Security;

namespace Analytics.Tests.Groups;

/// <summary>
/// The dashboard's groups panel and the account page's group section on the hand-written <see cref="GroupBook"/>, in
/// both languages and through region-limited keys: each shows only the members the key may see.
/// </summary>
public sealed partial class GroupPageTests(GroupBook book) : IClassFixture<GroupBook>
{
    /// <summary>The rows of the page's section <paramref name="id"/>, each as its cells' text joined by " | ".</summary>
    private static List<string> Rows(string html, string id)
    {
        var section = SectionPattern(id).Match(html);
        Assert.True(section.Success, $"no section {id}");
        return [.. RowPattern().Matches(section.Value).Select(row => string.Join(" | ",
            CellPattern().Matches(row.Value).Select(c => WebUtility.HtmlDecode(TagPattern().Replace(c.Groups[1].Value, "")))))];
    }

    private static Regex SectionPattern(string id) => new($"<section id=\"{id}\">.*?</section>", RegexOptions.Singleline);

    [GeneratedRegex("<tr>(?:(?!</tr>).)*<td.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [Fact]
    public async Task The_dashboard_lists_the_top_groups_with_the_members_and_revenue_the_key_may_see_in_both_languages()
    {
        var admin = await RegionBook.Text(book.Client(Roles.Admin), "/?lang=en");
        Assert.Contains("Top 10 groups of companies by revenue", admin, StringComparison.Ordinal);
        Assert.Equal(["1 | 华东集团 | B | 4 | CNY 212,346"], Rows(admin, "top-groups"));
        Assert.Contains("href=\"/accounts/G1?lang=en\"", SectionPattern("top-groups").Match(admin).Value, StringComparison.Ordinal);

        var east = await RegionBook.Text(book.Client(Roles.Manager, "华东"), "/?lang=zh");
        Assert.Contains("收入前 10 集团客户", east, StringComparison.Ordinal);
        Assert.Equal(["1 | 华东集团 | B | 3 | ¥182,346"], Rows(east, "top-groups"));

        var south = await RegionBook.Text(book.Client(Roles.Manager, "华南"), "/?lang=en");
        Assert.Equal(["None"], Rows(south, "top-groups"));
    }

    [Fact]
    public async Task The_account_page_names_the_group_and_lists_the_members_the_key_may_see_with_their_relation()
    {
        var admin = await RegionBook.Text(book.Client(Roles.Admin), "/accounts/G2?lang=en");
        Assert.Contains("<td>华东集团 (G1)</td>", admin, StringComparison.Ordinal);
        // Name, relation, depth, region, revenue (the tier cell is the company's own, shown as everywhere on the page).
        Assert.Equal(
            [
                "华东集团 | parent | 0 | 华东 | CNY 100,000",
                "华东集团上海公司 | this account | 1 | 华东 | CNY 70,001",
                "华东集团北京三厂 | subsidiary | 2 | 华北 | CNY 30,000",
                "华东集团杭州四厂 | subsidiary | 2 | 华东 | CNY 12,346",
            ],
            Rows(admin, "group-members").Select(r => string.Join(" | ", r.Split(" | ").Where((_, i) => i != 4))));

        var north = await RegionBook.Text(book.Client(Roles.Manager, "华北"), "/accounts/G3?lang=zh");
        Assert.Contains("<td>华东集团 (G1)</td>", north, StringComparison.Ordinal);
        Assert.Single(Rows(north, "group-members"));

        await RegionBook.Text(book.Client(Roles.Manager, "华北"), "/accounts/G2?lang=en", HttpStatusCode.NotFound);
        var alone = await RegionBook.Text(book.Client(Roles.Admin), "/accounts/S1?lang=en");
        Assert.DoesNotContain("id=\"group-members\"", alone, StringComparison.Ordinal);
    }
}
