using System.Globalization;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Tests.Security;

namespace Analytics.Tests.Groups;

/// <summary>
/// Groups through OData and campaigns on the hand-written <see cref="GroupBook"/>: a group's figures are the sums
/// over the members the key may see, a region-limited key sees only its members, and a target rule naming a group
/// takes every member company the key may see.
/// </summary>
public sealed class GroupReachTests(GroupBook book) : IClassFixture<GroupBook>
{
    private static string Group(JsonElement g) => string.Create(CultureInfo.InvariantCulture,
        $"{g.GetProperty("GroupId").GetString()} {g.GetProperty("Name").GetString()} {g.GetProperty("Tier").GetString()} {g.GetProperty("MemberCount").GetInt64()} {g.GetProperty("Revenue12m").GetDecimal()} {g.GetProperty("Value").GetDecimal()}");

    [Fact]
    public async Task The_groups_set_sums_the_members_a_key_may_see_and_no_other()
    {
        using var admin = book.Client(Roles.Admin);
        using var east = book.Client(Roles.Manager, "华东");
        using var north = book.Client(Roles.Manager, "华北");
        using var south = book.Client(Roles.Manager, "华南");

        Assert.Equal(["G1 华东集团 B 4 212346.37 212346.37"], (await RegionBook.Rows(admin, "/odata/Groups")).Select(Group));
        Assert.Equal(["G1 华东集团 B 3 182346.32 182346.32"], (await RegionBook.Rows(east, "/odata/Groups")).Select(Group));
        Assert.Equal(["G1 华东集团 B 1 30000.05 30000.05"], (await RegionBook.Rows(north, "/odata/Groups")).Select(Group));
        Assert.Empty(await RegionBook.Rows(south, "/odata/Groups"));

        var northMembers = await RegionBook.Rows(north, "/odata/GroupMembers?$select=AccountId,GroupId,ParentAccountId,Depth");
        Assert.Equal(["G3 G1 G2 2"], northMembers.Select(m =>
            $"{m.GetProperty("AccountId").GetString()} {m.GetProperty("GroupId").GetString()} {m.GetProperty("ParentAccountId").GetString()} {m.GetProperty("Depth").GetInt32()}"));
        var expanded = await RegionBook.Rows(east, "/odata/Groups?$expand=Members($select=AccountId;$orderby=AccountId)");
        Assert.Equal(["G1", "G2", "G4"], Assert.Single(expanded).GetProperty("Members").EnumerateArray().Select(m => m.GetProperty("AccountId").GetString()));
    }

    [Fact]
    public async Task A_target_rule_naming_a_group_takes_its_members_in_the_key_s_scope()
    {
        var whole = await RegionBook.Post(book.Client(Roles.Marketing), "/api/targets/preview", """{"groupIds":["G1"]}""");
        Assert.Equal(4m, whole.GetProperty("members").GetDecimal());
        Assert.Equal(212_346.37m, whole.GetProperty("revenue12m").GetDecimal());

        var east = await RegionBook.Post(book.Client(Roles.Marketing, "华东"), "/api/targets/preview", """{"groupIds":["G1"]}""");
        Assert.Equal(3m, east.GetProperty("members").GetDecimal());
        Assert.Equal(182_346.32m, east.GetProperty("revenue12m").GetDecimal());

        // A key that sees one member of the group reaches that one.
        var north = await RegionBook.Post(book.Client(Roles.Marketing, "华北"), "/api/targets/preview", """{"groupIds":["G1"]}""");
        Assert.Equal(1m, north.GetProperty("members").GetDecimal());
        Assert.Equal(30_000.05m, north.GetProperty("revenue12m").GetDecimal());
    }

    [Fact]
    public async Task A_group_id_that_heads_no_group_or_only_foreign_companies_is_the_same_400_naming_it()
    {
        using var marketing = book.Client(Roles.Marketing);
        using var south = book.Client(Roles.Marketing, "华南");
        static string NoGroup(string ids) => $$"""{"error":"No group of companies you may see has the id {{ids}}; a group's id is the account id of its top company."}""";

        // G9 is no account; G2 is a member of G1 but heads no group (nor does G2D, its duplicate record); S1 stands alone.
        Assert.Equal(NoGroup("'G9'"), await Refused(marketing, "/api/targets/preview", """{"groupIds":["G1","G9"]}"""));
        Assert.Equal(NoGroup("'G2', 'G2D', 'S1'"), await Refused(marketing, "/api/targets", """{"name":"groups","rule":{"groupIds":["G2","G2D","S1"]}}"""));
        // To a key for 华南, G1 (no member in its region) is as unknown as G9: the answers differ only in the id they echo.
        Assert.Equal(NoGroup("'G1'"), await Refused(south, "/api/targets/preview", """{"groupIds":["G1"]}"""));
        Assert.Equal(NoGroup("'G9'"), await Refused(south, "/api/targets/preview", """{"groupIds":["G9"]}"""));
        Assert.Equal(NoGroup("'G1'"), await Refused(south, "/api/campaigns", """{"name":"南方","rule":{"groupIds":["G1"]}}"""));
    }

    private static async Task<string> Refused(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }
}
