using Analytics.Tests.Support;

namespace Analytics.Tests.Segmentation;

/// <summary>
/// Churn after 180 days without an order, as of 2025-12-31. W1 stops after 2025-01-10; W2 pauses 212 days,
/// comes back on 2025-06-01 and stops; W3 comes back on day 181, W4 on day 180 (not churned); W5's 180
/// days end on 2026-01-01, after as_of.
/// </summary>
public sealed class ChurnTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public ChurnTests()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name,region\nW1,一,华东\nW2,二,华东\nW3,三,华北\nW4,四,华北\nW5,五,华南\n");
        _warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,amount
            O1,W1,2025-01-10,100.00
            O2,W2,2024-11-01,100.00
            O3,W2,2025-06-01,100.00
            O4,W3,2025-03-01,100.00
            O5,W3,2025-08-29,100.00
            O6,W4,2025-03-01,100.00
            O7,W4,2025-08-28,100.00
            O8,W5,2025-07-05,100.00
            """);
    }

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public void An_account_churns_on_its_last_order_date_plus_180_days_and_may_come_back()
    {
        _warehouse.RefreshMarts(("as_of_date", "2025-12-31"));

        Assert.Equal(
            [
                ("W1", new DateOnly(2025, 1, 10), new DateOnly(2025, 7, 9), (DateOnly?)null),
                ("W2", new DateOnly(2024, 11, 1), new DateOnly(2025, 4, 30), new DateOnly(2025, 6, 1)),
                ("W2", new DateOnly(2025, 6, 1), new DateOnly(2025, 11, 28), null),
                ("W3", new DateOnly(2025, 3, 1), new DateOnly(2025, 8, 28), new DateOnly(2025, 8, 29)),
            ],
            _warehouse.Rows("select master_account_id, last_order_date, churned_on, returned_on from marts.account_churn order by 1, 3",
                r => (r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetFieldValue<DateOnly>(2), r.IsDBNull(3) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(3))));
        Assert.Equal(
            ["exploration", "churned", "churned", "formation"],
            _warehouse.Rows("select lifecycle_stage from marts.account_segment_history where master_account_id = 'W2' and month between '2025-03-01' and '2025-06-01' order by month",
                r => r.GetString(0)));
        Assert.Equal(
            [("W1", new DateOnly(2025, 7, 9)), ("W2", new DateOnly(2025, 11, 28)), ("W3", (DateOnly?)null), ("W4", null), ("W5", null)],
            _warehouse.Rows("select account_id, churned_on from marts.account_segments order by 1",
                r => (r.GetString(0), r.IsDBNull(1) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(1))));
    }

    [Fact]
    public void The_churn_rate_of_a_group_is_those_of_its_accounts_at_risk_at_the_start_that_churned_in_the_period()
    {
        _warehouse.RefreshMarts(("as_of_date", "2025-12-31"), ("churn.rate_months", "6"));

        // July: W1..W4 had ordered by June 30 and none was churned then; W1 churned on July 9. W5 is not yet a customer.
        Assert.Equal(
            [("all", "all", 4L, 1L, 0.25), ("lifecycle_stage", "exploration", 3L, 1L, 1 / 3.0), ("lifecycle_stage", "formation", 1L, 0L, 0.0),
             ("region", "华东", 2L, 1L, 0.5), ("region", "华北", 2L, 0L, 0.0)],
            Rates("2025-07-01", "2025-07-31", "'all', 'lifecycle_stage', 'region'"));
        // The six months to as_of: of the four at risk on June 30, W1, W3 and W2 churned (W3 came back, still counted).
        Assert.Equal(
            [("all", "all", 4L, 3L, 0.75), ("region", "华东", 2L, 2L, 1.0), ("region", "华北", 2L, 1L, 0.5)],
            Rates("2025-07-01", "2025-12-31", "'all', 'region'"));
    }

    private List<(string, string, long, long, double)> Rates(string start, string end, string dimensions) =>
        _warehouse.Rows(
            $"select dimension, group_value, accounts_at_risk, churned, churn_rate from marts.churn_rates where period_start = '{start}' and period_end = '{end}' and dimension in ({dimensions}) order by 1, 2",
            r => (r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetDouble(4)));
}
