using Analytics.Tests.Support;

namespace Analytics.Tests.Segmentation;

/// <summary>
/// The other two meanings of churn (churn.definition), as of 2025-12-31: a contract that ended without renewal, and
/// the label an export gives (a day, or a yes/no flag as of a day).
/// </summary>
public sealed class ChurnDefinitionTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public void Under_contract_an_account_churns_the_day_after_its_last_contract_ends_unrenewed_until_a_new_one_starts()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nC1,一\nC2,二\nC3,三\nC4,四\nC5,五\n");
        // C1: one year, not renewed. C2: a second contract starts the day after the first ends, and ends on as_of.
        // C3: ends 2023, a new one from 2024-06-01. C4: auto-renews, terminated 2025-03-15. C5: auto-renews on.
        _warehouse.LoadText("contracts.csv", """
            contract_id,account_id,start_date,end_date,auto_renew,notice_days,renewal_months,terminated_on
            K1,C1,2024-01-01,2024-12-31,false,30,12,
            K2,C2,2024-01-01,2024-12-31,false,30,12,
            K3,C2,2025-01-01,2025-12-31,false,30,12,
            K4,C3,2023-01-01,2023-12-31,false,30,12,
            K5,C3,2024-06-01,2026-05-31,false,30,12,
            K6,C4,2024-01-01,2024-12-31,true,30,12,2025-03-15
            K7,C5,2024-01-01,2024-12-31,true,30,12,
            """);
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date,amount\nO1,C3,2023-11-05,100.00\n");
        _warehouse.RefreshMarts(("as_of_date", "2025-12-31"), ("churn.definition", "contract"), ("history.months", "24"));

        Assert.Equal(
            [
                ("C1", (DateOnly?)null, new DateOnly(2025, 1, 1), (DateOnly?)null),
                ("C3", new DateOnly(2023, 11, 5), new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 1)),
                ("C4", null, new DateOnly(2025, 3, 16), null),
            ],
            Churns());
        // C3 churned in January 2024 and came back with its June contract, though it has not ordered since.
        Assert.Equal(
            ["churned", "stability"],
            _warehouse.Rows("select lifecycle_stage from marts.account_months where master_account_id = 'C3' and month in ('2024-05-01', '2025-12-01') order by month",
                r => r.GetString(0)));
        // The year to as_of: C3 (ordered) and the four that never ordered were at risk at the start; C1 and C4 churned.
        Assert.Equal((5L, 2L), Rate("2025-01-01", "2025-12-31"));
    }

    [Fact]
    public void Under_label_the_exports_day_or_its_flag_as_of_a_day_says_who_churned()
    {
        var load = _warehouse.LoadText("accounts.csv", """
            account_id,name,churned_on,churned,churn_label_as_of
            L1,一,2025-06-30,,
            L2,二,,yes,2025-09-30
            L3,三,,no,2025-09-30
            L4,四,,是,
            L5,五,2026-02-01,,
            L6,六,2025-10-01,yes,2025-09-30
            """);
        Assert.Equal((6L, 5L, 1L), (load.Counts.Read, load.Counts.Loaded, load.Counts.Rejected));
        Assert.Equal("churned_on after churn_label_as_of", Assert.Single(load.Rejects).Reason);
        _warehouse.RefreshMarts(("as_of_date", "2025-12-31"), ("churn.definition", "label"), ("churn.rate_months", "12"));

        // L4's flag has no day: it counts as of as_of. L5's day is after as_of; L3 stays.
        Assert.Equal(
            [
                ("L1", (DateOnly?)null, new DateOnly(2025, 6, 30), (DateOnly?)null),
                ("L2", null, new DateOnly(2025, 9, 30), null),
                ("L4", null, new DateOnly(2025, 12, 31), null),
            ],
            Churns());
        Assert.Equal((5L, 3L), Rate("2025-01-01", "2025-12-31"));
        Assert.Equal(3L, _warehouse.Scalar<long>("select count(churned_on) from marts.account_segments"));
    }

    [Fact]
    public void An_unknown_definition_stops_the_refresh_with_the_settings_name()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nA1,一\n");
        var error = Assert.ThrowsAny<Exception>(() => _warehouse.RefreshMarts(("churn.definition", "contracts")));
        Assert.Contains("churn.definition must be inactivity, contract or label, not contracts", error.Message, StringComparison.Ordinal);
    }

    private List<(string, DateOnly?, DateOnly, DateOnly?)> Churns() =>
        _warehouse.Rows("select master_account_id, last_order_date, churned_on, returned_on from marts.account_churn order by 1, 3",
            r => (r.GetString(0), r.IsDBNull(1) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(1), r.GetFieldValue<DateOnly>(2),
                r.IsDBNull(3) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(3)));

    private (long AtRisk, long Churned) Rate(string from, string to) =>
        _warehouse.Rows("select accounts_at_risk, churned from marts.churn_rates where dimension = 'all' and period_start = $1::date and period_end = $2::date",
            r => (r.GetInt64(0), r.GetInt64(1)), from, to).Single();
}
