using Analytics.Tests.Support;

namespace Analytics.Tests.Segmentation;

/// <summary>The 80/20 tiers, curve and headline on books small enough to rank by hand.</summary>
public sealed class ParetoTierTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    /// <summary>
    /// Window 2024-04 .. 2025-03 (as_of 2025-03-31). Values 400, 300, 100, 100, 60, 40 of 1000: C04 and C03 tie
    /// at 100 where the cumulative share reaches exactly 80%. C07 ordered only the day before the window, C08 never.
    /// </summary>
    private void LoadTieBook()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nC01,一\nC02,二\nC04,四\nC03,三\nC05,五\nC06,六\nC07,七\nC08,八\n");
        _warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,amount
            O1,C01,2025-03-31,400.00
            O2,C02,2024-04-01,299.99
            O3,C02,2025-01-15,0.01
            O4,C04,2025-02-01,100.00
            O5,C03,2025-02-02,100.00
            O6,C05,2024-12-31,60.00
            O7,C06,2025-03-01,40.00
            O8,C07,2024-03-31,5000.00
            """);
    }

    [Fact]
    public void At_a_tie_on_the_80_percent_cut_the_smaller_id_crosses_it_as_A_and_the_other_is_B()
    {
        LoadTieBook();

        _warehouse.RefreshMarts(("as_of_date", "2025-03-31"));

        Assert.Equal(
            [
                ("C01", 400.00m, 1L, 0.4, "A"), ("C02", 300.00m, 2L, 0.7, "A"), ("C03", 100.00m, 3L, 0.8, "A"),
                ("C04", 100.00m, 4L, 0.9, "B"), ("C05", 60.00m, 5L, 0.96, "B"), ("C06", 40.00m, 6L, 1.0, "C"),
                ("C07", 0m, (long?)null, (double?)null, "C"), ("C08", 0m, null, null, "C"),
            ],
            _warehouse.Rows("select master_account_id, value, rank, cumulative_share, tier from marts.account_tiers order by master_account_id",
                r => (r.GetString(0), r.GetDecimal(1), r.IsDBNull(2) ? (long?)null : r.GetInt64(2),
                    r.IsDBNull(3) ? (double?)null : Math.Round(r.GetDouble(3), 10), r.GetString(4))));
    }

    [Fact]
    public void The_curve_has_one_row_per_ranked_account_and_the_headline_rounds_20_percent_of_6_up_to_2()
    {
        LoadTieBook();

        _warehouse.RefreshMarts(("as_of_date", "2025-03-31"));

        Assert.Equal(
            [(1L, "C01", 1 / 6.0, 0.4), (2L, "C02", 2 / 6.0, 0.7), (3L, "C03", 3 / 6.0, 0.8), (4L, "C04", 4 / 6.0, 0.9), (5L, "C05", 5 / 6.0, 0.96), (6L, "C06", 1.0, 1.0)],
            _warehouse.Rows("select rank, master_account_id, account_share, value_share from marts.pareto_curve order by rank",
                r => (r.GetInt64(0), r.GetString(1), r.GetDouble(2), Math.Round(r.GetDouble(3), 10))));
        Assert.Equal(
            (6L, 2L, 700.00m, 1000.00m, 0.7, 3L),
            _warehouse.Rows("select ranked_accounts, top_accounts, top_value, total_value, top_value_share, tier_a_accounts from marts.pareto_headline",
                r => (r.GetInt64(0), r.GetInt64(1), r.GetDecimal(2), r.GetDecimal(3), Math.Round(r.GetDouble(4), 10), r.GetInt64(5)))[0]);
    }

    /// <summary>
    /// At 2025-02-28 the window 2024-03 .. 2025-02 still holds C07's 5000 of 5560: C07 A, C02 B (before it 89.9%),
    /// C03, C04 and C05 C; C01 and C06 had not ordered. A year earlier only C07 had. Then 2025-03 as above.
    /// </summary>
    [Fact]
    public void The_migration_matrix_compares_the_as_of_month_with_the_month_before_and_a_year_before()
    {
        LoadTieBook();

        _warehouse.RefreshMarts(("as_of_date", "2025-03-31"));

        Assert.Equal(
            [
                ("2024-03", "A", "C", 1L), ("2024-03", "new", "A", 3L), ("2024-03", "new", "B", 2L), ("2024-03", "new", "C", 1L),
                ("2025-02", "A", "C", 1L), ("2025-02", "B", "A", 1L), ("2025-02", "C", "A", 1L), ("2025-02", "C", "B", 2L),
                ("2025-02", "new", "A", 1L), ("2025-02", "new", "C", 1L),
            ],
            _warehouse.Rows("select strftime(from_month, '%Y-%m'), from_tier, to_tier, accounts from marts.tier_migrations where to_month = '2025-03-01' order by all",
                r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3))));
    }

    /// <summary>2025-01 .. 2025-03: 400 + 100 + 100 + 40 + 0.01 = 640.01, and 80% of it is 512.008.</summary>
    [Fact]
    public void A_shorter_window_drops_what_falls_before_it()
    {
        LoadTieBook();

        _warehouse.RefreshMarts(("as_of_date", "2025-03-31"), ("pareto.window_months", "3"));

        Assert.Equal(
            [("C01", 400.00m, "A"), ("C02", 0.01m, "C"), ("C03", 100.00m, "A"), ("C04", 100.00m, "A"), ("C06", 40.00m, "B")],
            _warehouse.Rows("select master_account_id, value, tier from marts.account_tiers where value > 0 order by 1",
                r => (r.GetString(0), r.GetDecimal(1), r.GetString(2))));
    }

    [Fact]
    public void On_the_profit_basis_accounts_rank_by_net_amount_less_cost()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nP1,薄利\nP2,厚利\n");
        _warehouse.LoadText("products.csv", "product_id,name\nS1,服务器\n");
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date\nO1,P1,2025-03-01\nO2,P2,2025-03-02\n");
        _warehouse.LoadText("order_lines.csv", "order_id,product_id,quantity,unit_price,unit_cost,discount\nO1,S1,10,100,95,0\nO2,S1,5,100,70,0.1\n");

        _warehouse.RefreshMarts(("as_of_date", "2025-03-31"), ("pareto.basis", "profit"));

        Assert.Equal(
            [("P2", 100.0000m, 1L), ("P1", 50.0000m, 2L)],
            _warehouse.Rows("select master_account_id, value, rank from marts.account_tiers order by rank",
                r => (r.GetString(0), r.GetDecimal(1), r.GetInt64(2))));
    }
}
