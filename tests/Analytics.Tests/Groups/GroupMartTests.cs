using System.Globalization;
using Analytics.Tests.Support;

namespace Analytics.Tests.Groups;

/// <summary>The group marts on the hand-written <see cref="GroupBook"/>.</summary>
public sealed class GroupMartTests(GroupBook book) : IClassFixture<GroupBook>
{
    private readonly TestWarehouse _warehouse = book.Warehouse;

    [Fact]
    public void Each_company_of_a_three_level_group_finds_its_top_parent_and_depth_and_a_duplicate_parent_stands_for_its_company()
    {
        var members = _warehouse.Rows("""
            select account_id || ' ' || group_id || ' ' || coalesce(parent_account_id, '-') || ' ' || depth || ' ' || region || ' ' || revenue_12m
            from marts.group_members order by account_id
            """, r => r.GetString(0));

        Assert.Equal(
            [
                "G1 G1 - 0 华东 100000.10",
                "G2 G1 G1 1 华东 70000.55",
                "G3 G1 G2 2 华北 30000.05",
                "G4 G1 G2 2 华东 12345.67",
            ],
            members);
    }

    [Fact]
    public void A_group_s_totals_are_its_members_sums_exactly_and_its_tier_ranks_it_as_one_customer()
    {
        var group = _warehouse.Rows("select group_id, name, region, member_count, levels_below, value, revenue_12m, rank, tier from marts.groups",
            r => string.Create(CultureInfo.InvariantCulture,
                $"{r.GetString(0)} {r.GetString(1)} {r.GetString(2)} {r.GetInt64(3)} {r.GetInt32(4)} {r.GetDecimal(5)} {r.GetDecimal(6)} {r.GetInt64(7)} {r.GetString(8)}"));

        Assert.Equal(["G1 华东集团 华东 4 2 212346.37 212346.37 2 B"], group);
    }

    [Fact]
    public void A_group_s_revenue_by_month_is_its_members_orders_by_month()
    {
        var months = _warehouse.Rows("""
            select strftime(month, '%Y-%m') || ' ' || sum(revenue) || ' ' || sum(orders)
            from marts.group_member_months where group_id = 'G1' group by month order by month
            """, r => r.GetString(0));

        Assert.Equal(["2024-03 9999.99 1", "2025-01 100000.10 1", "2025-03 50000.25 1", "2025-04 20000.30 1", "2025-05 30000.05 1", "2025-06 12345.67 1"], months);
    }
}
