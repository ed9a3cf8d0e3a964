using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Segmentation;

/// <summary>
/// Critical accounts (关键客户), from the seed: "关键客户是指购买频率高、购买量大、利润率高的客户" — high purchase
/// frequency, high volume and high margin, all three. As of 2025-06-30, window 2024-07-01 .. 2025-06-30, six ordering
/// companies; with critical.top_share 0.30 a measure is high when fewer than 30% of them (0 or 1 of 6) beat it:
///   company  orders  revenue    margin                     orders beaten by  revenue beaten by  margin beaten by
///   K1       4        8000.00   (8000-5600)/8000  = 0.30   1 (K2)            2 (K4, K2)         3
///   K2       5       10000.00   (10000-5500)/10000 = 0.45  0                 1 (K4)             1 (K4)
///   K3       4        2000.00   (2000-1200)/2000  = 0.40   1 (K2)            4                  2
///   K4       1       20000.00   (20000-10000)/20000 = 0.50 5                 0                  0
///   K5       2        4000.00   (1000-900)/1000   = 0.10   4                 3                  4
///   (K5's second order has no lines: its cost is unknown, so its 3000.00 counts for volume, not for margin)
///   K6       3         900.00   unknown                    3                 5                  (none)
/// Only K2 is high in all three. K7's one order is a day before the window; K8 never ordered.
/// </summary>
public sealed class CriticalAccountTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public CriticalAccountTests()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nK1,甲\nK2,乙\nK3,丙\nK4,丁\nK5,戊\nK6,己\nK7,庚\nK8,辛\n");
        _warehouse.LoadText("products.csv", "product_id,name\nP1,服务器\n");
        _warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,amount
            A1,K1,2024-07-01,
            A2,K1,2024-10-01,
            A3,K1,2025-01-01,
            A4,K1,2025-06-30,
            B1,K2,2024-08-01,
            B2,K2,2024-09-01,
            B3,K2,2024-12-01,
            B4,K2,2025-03-01,
            B5,K2,2025-05-01,
            C1,K3,2024-08-15,
            C2,K3,2024-11-15,
            C3,K3,2025-02-15,
            C4,K3,2025-05-15,
            D1,K4,2025-04-01,
            E1,K5,2025-01-20,
            E2,K5,2025-02-20,3000.00
            F1,K6,2024-09-09,300.00
            F2,K6,2024-12-09,300.00
            F3,K6,2025-03-09,300.00
            G1,K7,2024-06-30,
            """);
        _warehouse.LoadText("order_lines.csv", """
            order_id,product_id,quantity,unit_price,unit_cost
            A1,P1,1,2000.00,1400.00
            A2,P1,1,2000.00,1400.00
            A3,P1,1,2000.00,1400.00
            A4,P1,1,2000.00,1400.00
            B1,P1,1,2000.00,1100.00
            B2,P1,1,2000.00,1100.00
            B3,P1,1,2000.00,1100.00
            B4,P1,1,2000.00,1100.00
            B5,P1,1,2000.00,1100.00
            C1,P1,1,500.00,300.00
            C2,P1,1,500.00,300.00
            C3,P1,1,500.00,300.00
            C4,P1,1,500.00,300.00
            D1,P1,2,10000.00,5000.00
            E1,P1,1,1000.00,900.00
            G1,P1,1,99999.00,1.00
            """);
        _warehouse.RefreshMarts(("as_of_date", "2025-06-30"));
    }

    public void Dispose() => _warehouse.Dispose();

    private List<string> Companies() => _warehouse.Rows(
        """
        select master_account_id || ' ' || orders || ' ' || revenue::decimal(18,2) || ' ' || coalesce(round(margin_pct, 4)::varchar, '-') || ' '
            || high_frequency || ' ' || high_volume || ' ' || high_margin || ' ' || is_critical_account
        from marts.critical_accounts order by master_account_id
        """, r => r.GetString(0));

    [Fact]
    public void A_critical_account_is_in_the_top_30_percent_by_orders_revenue_and_margin_together()
    {
        Assert.Equal(
            [
                "K1 4 8000.00 0.3 true false false false",
                "K2 5 10000.00 0.45 true true true true",
                "K3 4 2000.00 0.4 true false false false",
                "K4 1 20000.00 0.5 false true true false",
                "K5 2 4000.00 0.1 false false false false",
                "K6 3 900.00 - false false false false",
            ],
            Companies());
    }

    [Fact]
    public void Each_account_carries_the_flag_in_its_segments_and_one_that_did_not_order_in_the_window_is_not_critical()
    {
        Assert.Equal(
            ["K1 false", "K2 true", "K3 false", "K4 false", "K5 false", "K6 false", "K7 false", "K8 false"],
            _warehouse.Rows("select account_id || ' ' || is_critical_account from marts.account_segments order by account_id", r => r.GetString(0)));
    }

    [Fact]
    public void Ties_share_a_place_and_a_wider_top_share_takes_in_the_next_places()
    {
        // With 0.50 a measure is high when at most 2 of 6 beat it: K1 (orders 1, revenue 2) joins on frequency and
        // volume but 3 companies have a greater margin than its 0.30; K3 (orders 1 with K1 on a tie, margin 2) misses on volume.
        _warehouse.RefreshMarts(("critical.top_share", "0.50"));

        Assert.Equal(["K1 true true false", "K2 true true true", "K3 true false true"],
            _warehouse.Rows(
                "select master_account_id || ' ' || high_frequency || ' ' || high_volume || ' ' || high_margin from marts.critical_accounts where orders >= 4 order by 1",
                r => r.GetString(0)));
    }

    [Fact]
    public void A_top_share_outside_0_to_1_is_refused_with_the_settings_name()
    {
        var error = Assert.ThrowsAny<Exception>(() => _warehouse.RefreshMarts(("critical.top_share", "1.5")));

        Assert.Contains("critical.top_share", error.Message, StringComparison.Ordinal);
    }
}
