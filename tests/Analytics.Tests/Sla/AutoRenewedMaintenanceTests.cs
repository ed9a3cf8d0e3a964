using Analytics.Tests.Support;

namespace Analytics.Tests.Sla;

/// <summary>
/// An auto-renewing contract stays in force past its first term's end_date until terminated, so a maintenance
/// visit stays owed every month it runs on (as contract_terms counts its renewals).
/// </summary>
public sealed class AutoRenewedMaintenanceTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public AutoRenewedMaintenanceTests()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nA1,甲方\n");
        _warehouse.LoadText("contracts.csv", """
            contract_id,account_id,start_date,end_date,auto_renew,notice_days,renewal_months,terminated_on
            R1,A1,2024-01-01,2024-06-30,true,30,12,
            R2,A1,2024-01-01,2024-06-30,true,30,12,2024-09-15
            F1,A1,2024-01-01,2024-06-30,false,30,12,
            """);
        // no ticket is loaded: the setting says from when the book's visits can be judged
        _warehouse.RefreshMarts(("as_of_date", "2024-10-20"), ("maintenance.owed_from", "2024-01-01"));
    }

    [Fact]
    public void Months_owed_run_to_as_of_while_renewing_to_termination_when_terminated_and_to_end_date_otherwise()
    {
        var owed = _warehouse.Rows(
            "select contract_id, count(*), min(month)::varchar, max(month)::varchar from marts.maintenance_visits group by 1 order by 1",
            r => (r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3)));
        Assert.Equal(
            [
                ("F1", 6L, "2024-01-01", "2024-06-01"),
                ("R1", 10L, "2024-01-01", "2024-10-01"),
                ("R2", 9L, "2024-01-01", "2024-09-01"),
            ],
            owed);
    }

    [Fact]
    public void Without_tickets_or_the_setting_no_visit_is_owed()
    {
        _warehouse.RefreshMarts(("maintenance.owed_from", ""));

        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from marts.maintenance_visits"));
    }

    public void Dispose() => _warehouse.Dispose();
}
