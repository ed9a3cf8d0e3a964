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

        // A duplicate record's id stands for its company: G2D names G2's company, which heads no group.
        var none = await RegionBook.Post(book.Client(Roles.Marketing), "/api/targets/preview", """{"groupIds":["G2D"]}""");
        Assert.Equal(0m, none.GetProperty("members").GetDecimal());
    }
}
