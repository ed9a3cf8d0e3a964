using Analytics.Tests.Support;

namespace Analytics.Tests.Segmentation;

/// <summary>Five levels (客户五级分类) from the 80/20 tier and relationship strength, at 2025-12-31.</summary>
public sealed class LevelTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    /// <summary>
    /// Window 2025: V1 500 (A), V2 400 (A), V3 60 (B), V4 30 (C), V5 10 (C) of 1000; V6 nothing.
    /// Strength (two of: 12 months since the first order, orders in 6 months of the window, a contract in force):
    /// V1 tenure and 10 active months; V2 none; V3 tenure and a contract that renews itself; V4 tenure and
    /// 6 active months; V5 tenure only, its contract terminated in June.
    /// </summary>
    [Fact]
    public void The_level_combines_the_tier_with_tenure_frequency_and_contract()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nV1,一\nV2,二\nV3,三\nV4,四\nV5,五\nV6,六\n");
        _warehouse.LoadText("contracts.csv", """
            contract_id,account_id,start_date,end_date,auto_renew,terminated_on
            K3,V3,2023-01-01,2024-12-31,yes,
            K5,V5,2025-01-01,2026-12-31,no,2025-06-30
            """);
        var v1 = Enumerable.Range(1, 10).Select(m => $"V1-{m},V1,2025-{m:00}-10,50.00\n");
        var v4 = Enumerable.Range(1, 6).Select(m => $"V4-{m},V4,2025-{m:00}-10,5.00\n");
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date,amount\n" + string.Concat(v1) + string.Concat(v4) + """
            V1-0,V1,2024-01-20,10.00
            V2-1,V2,2025-10-05,400.00
            V3-0,V3,2024-06-10,5.00
            V3-1,V3,2025-05-10,60.00
            V4-0,V4,2024-01-10,5.00
            V5-0,V5,2024-10-10,5.00
            V5-1,V5,2025-11-10,10.00
            V6-1,V6,2023-05-10,100.00

            """);

        _warehouse.RefreshMarts(("as_of_date", "2025-12-31"));

        Assert.Equal(
            [("V1", "A", 2, 1), ("V2", "A", 0, 2), ("V3", "B", 2, 2), ("V4", "C", 2, 3), ("V5", "C", 1, 4), ("V6", "C", 1, 5)],
            _warehouse.Rows("select master_account_id, tier, strength, level from marts.account_segment_history where month = '2025-12-01' order by 1",
                r => (r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3))));
        Assert.Equal([1, 2, 2, 3, 4, 5], _warehouse.Rows("select level from marts.account_segments order by account_id", r => r.GetInt32(0)));
    }
}
