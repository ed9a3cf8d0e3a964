using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Tests.Security;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Groups;

/// <summary>
/// Groups on the demo company as a user finds it after the first start (loaded, marts built, scored): the generator's
/// groups (every 97th account heads 2 to 6 companies) come through the loader and marts, and every group's totals,
/// scores included, are its members' sums exactly, as an admin and as a 华东 key reads them.
/// </summary>
[Collection(DemoService.Collection)]
public sealed class GroupDemoTests(DemoService demo)
{
    [Fact]
    public void The_demo_s_groups_are_the_generator_s_with_two_to_six_companies_and_three_levels_in_the_larger()
    {
        using var connection = demo.Database.Connect();
        var groups = connection.Rows("select group_id || ' ' || member_count || ' ' || levels_below from marts.groups order by group_id", r => r.GetString(0));

        // 600 accounts: tops 97, 194, 291, 388, 485, 582 with 2 + (n / 97 mod 5) companies each.
        Assert.Equal(["KA0000097 3 1", "KA0000194 4 2", "KA0000291 5 2", "KA0000388 6 2", "KA0000485 2 1", "KA0000582 3 1"], groups);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("华东")]
    public async Task Every_group_s_totals_and_scores_are_its_members_sums_exactly(string? region)
    {
        using var client = demo.Service.Client(demo.Service.Key(Roles.Manager, region is null ? null : [region]));
        var groups = await RegionBook.Rows(client, "/odata/Groups");
        var members = (await RegionBook.Rows(client, "/odata/GroupMembers")).ToLookup(m => m.GetProperty("GroupId").GetString());

        Assert.NotEmpty(groups);
        Assert.Contains(groups, g => g.GetProperty("Clv").ValueKind == JsonValueKind.Number);
        foreach (var group in groups)
        {
            var own = members[group.GetProperty("GroupId").GetString()].ToList();
            Assert.Equal(own.Count, group.GetProperty("MemberCount").GetInt64());
            foreach (var figure in new[] { "Value", "Revenue12m", "Clv", "RevenueAtRisk", "ChurnCost" })
            {
                Assert.Equal(own.Sum(m => Number(m, figure)), Number(group, figure));
            }

            // Over the members the pass scored (a company that never ordered has no churn probability).
            var scored = own.Where(m => m.GetProperty("ChurnProbability").ValueKind == JsonValueKind.Number).ToList();
            if (scored.Count == 0)
            {
                Assert.Equal(JsonValueKind.Null, group.GetProperty("ChurnRisk").ValueKind);
                continue;
            }

            var revenue = (double)scored.Sum(m => Number(m, "Revenue12m"));
            var risk = revenue > 0
                ? scored.Sum(m => (double)Number(m, "Revenue12m") * m.GetProperty("ChurnProbability").GetDouble()) / revenue
                : scored.Average(m => m.GetProperty("ChurnProbability").GetDouble());
            Assert.Equal(risk, group.GetProperty("ChurnRisk").GetDouble(), 9);
        }
    }

    private static decimal Number(JsonElement row, string property) =>
        row.GetProperty(property).ValueKind == JsonValueKind.Null ? 0m : row.GetProperty(property).GetDecimal();
}
