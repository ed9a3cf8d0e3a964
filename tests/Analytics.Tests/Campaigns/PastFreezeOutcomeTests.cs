using Analytics.ReportApi.Campaigns;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Campaigns;

/// <summary>
/// A campaign frozen on a past day of a small hand-made book: its outcome counts the orders after that day, up to
/// the marts' as_of, of the targeted and the control members, figures worked out here by hand.
/// </summary>
public sealed class PastFreezeOutcomeTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    // Six companies; as_of 2024-06-30; frozen on 2024-03-31. Orders on the freeze day or before it, or after as_of,
    // do not count. Churn: 90 days without an order.
    private void LoadBook()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nA,甲\nB,乙\nC,丙\nD,丁\nE,戊\nF,己\n");
        _warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,amount
            1,A,2024-01-10,100.00
            2,A,2024-04-05,200.00
            3,A,2024-05-20,50.50
            4,C,2024-03-31,80.00
            5,C,2024-06-30,120.00
            6,E,2024-02-01,30.00
            7,D,2024-04-02,40.00
            8,B,2024-02-02,10.00
            9,B,2024-07-15,999.00
            10,F,2024-01-05,20.00
            """);
        _warehouse.RefreshMarts(("as_of_date", "2024-06-30"), ("churn.definition", "inactivity"), ("churn.inactive_days", "90"));
    }

    [Fact]
    public void A_campaign_frozen_on_a_past_day_counts_targeted_against_control_orders_after_that_day()
    {
        LoadBook();
        using var connection = _warehouse.Connect();

        // Half held out by seed 7: md5("7:" + id) orders the six D, B, F, A, E, C, so D, B and F are control.
        var id = CampaignStore.Freeze(connection,
            new CampaignRequest("spring", null, TargetRule.Parse("{}"), 0.5m, 7, "test", new DateOnly(2024, 3, 31)), "true", null);
        var outcome = CampaignStore.Outcome(connection, id, "true");

        Assert.Equal(new DateOnly(2024, 3, 31), outcome.FrozenOn);
        Assert.Equal(new DateOnly(2024, 6, 30), outcome.AsOf);
        // Targeted A, C, E: A's 200.00 and 50.50, C's 120.00 on the as_of day (not its 80.00 on the freeze day), E none.
        // Churned after the freeze: C (2024-03-31 + 90 = 06-29, back on 06-30) and E (02-01 + 90 = 05-01); A's gaps are under 90 days.
        Assert.Equal(new GroupOutcome(3, 2, 3, 370.50m, 2), outcome.Targeted);
        // Control D, B, F: D's 40.00 (B's 999.00 comes after as_of). Churned: B (05-02) and F (04-04); D's 07-01 is after as_of.
        Assert.Equal(new GroupOutcome(3, 1, 1, 40.00m, 2), outcome.Control);
        Assert.Equal(123.50m, outcome.Targeted.RevenuePerMember);
        Assert.Equal(13.33m, outcome.Control.RevenuePerMember);
        Assert.Equal(110.17m, outcome.RevenueLiftPerMember);
    }

    [Fact]
    public void A_campaign_is_not_frozen_on_a_day_the_data_has_not_reached()
    {
        LoadBook();
        using var connection = _warehouse.Connect();

        var error = Assert.Throws<WarehouseException>(() => CampaignStore.Freeze(connection,
            new CampaignRequest("later", null, TargetRule.Parse("{}"), 0.5m, 7, "test", new DateOnly(2024, 7, 1)), "true", null));

        Assert.Equal("frozenOn 2024-07-01 is after the data's as_of day 2024-06-30; a campaign is frozen on a day the data has reached.", error.Message);
        Assert.Equal(0, connection.Scalar<long>("select count(*) from campaigns.campaigns"));
    }

    [Fact]
    public void A_campaign_run_elsewhere_keeps_its_own_control_group_and_is_measured_the_same_way()
    {
        LoadBook();
        using var connection = _warehouse.Connect();

        // Marketing visited A, C, E and F and held out B and D in another tool; the list comes in as accountIds.
        var id = CampaignStore.Freeze(connection, new CampaignRequest("visits", null,
            TargetRule.Parse("""{"accountIds":["A","B","C","D","E","F"]}"""), 0, 1, "test", new DateOnly(2024, 3, 31), ["B", "D"]), "true", null);
        var outcome = CampaignStore.Outcome(connection, id, "true");

        // Targeted A, C, E, F: A's 200.00 and 50.50 and C's 120.00; churned after the freeze C (06-29), E (05-01), F (04-04).
        Assert.Equal(new GroupOutcome(4, 2, 3, 370.50m, 3), outcome.Targeted);
        // Control B and D: D's 40.00; churned B (05-02).
        Assert.Equal(new GroupOutcome(2, 1, 1, 40.00m, 1), outcome.Control);
        Assert.Equal(0.3333m, connection.Scalar<decimal>("select control_fraction from campaigns.campaigns where campaign_id = $1", id));
    }

    [Fact]
    public void A_rule_of_account_ids_targets_those_companies_only()
    {
        LoadBook();
        using var connection = _warehouse.Connect();

        var id = CampaignStore.Freeze(connection,
            new CampaignRequest("two", null, TargetRule.Parse("""{"accountIds":["C","A"]}"""), 0, 1, "test"), "true", null);

        Assert.Equal(["A", "C"], connection.Rows("select account_id from campaigns.campaign_members where campaign_id = $1 order by 1",
            r => r.Get<string>("account_id"), id));
    }

    [Theory]
    // A control id nobody has, and one outside the reader's regions (D): the same sentence, so a regional key learns
    // nothing of accounts it may not see.
    [InlineData("Z", "controlAccountIds names accounts that are not members of this campaign: Z.")]
    [InlineData("D", "controlAccountIds names accounts that are not members of this campaign: D.")]
    public void A_control_group_drawn_elsewhere_must_be_members_of_the_campaign(string stray, string message)
    {
        LoadBook();
        using var connection = _warehouse.Connect();

        var error = Assert.Throws<WarehouseException>(() => CampaignStore.Freeze(connection, new CampaignRequest("visits", null,
            TargetRule.Parse("""{"accountIds":["A","B","C","D"]}"""), 0, 1, "regional", null, ["B", stray]), "account_id in ('A', 'B', 'C')", null));

        Assert.Equal(message, error.Message);
        Assert.Equal(0, connection.Scalar<long>("select count(*) from campaigns.campaigns"));
        Assert.Equal(0, connection.Scalar<long>("select count(*) from campaigns.campaign_members"));
    }

    [Fact]
    public void A_control_group_is_drawn_here_or_named_not_both()
    {
        LoadBook();
        using var connection = _warehouse.Connect();

        var error = Assert.Throws<WarehouseException>(() => CampaignStore.Freeze(connection,
            new CampaignRequest("visits", null, TargetRule.Parse("{}"), 0.2m, 1, "test", null, ["B"]), "true", null));

        Assert.Equal("Give controlFraction (a share drawn here) or controlAccountIds (a control group drawn elsewhere), not both.", error.Message);
    }
}
