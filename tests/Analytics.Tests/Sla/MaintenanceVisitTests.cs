using Analytics.Tests.Support;

namespace Analytics.Tests.Sla;

/// <summary>
/// The agreement: "乙方于每月X号,指定技术员至甲方处进行定期维护" (on a set day each month the supplier sends a technician to
/// the customer for scheduled maintenance). A visit is someone arriving; a month is owed only once the ticket export
/// covers the book. Hand-written book, as of 30 June 2025: the ticket export begins with a phone ticket on 1 March 2025;
/// contract OLD has run since 2016 and renews itself, SHORT runs 15 April to 20 May 2025.
/// </summary>
public sealed class MaintenanceVisitTests : IDisposable
{
    private const string Contracts = """
        contract_id,account_id,start_date,end_date,auto_renew
        OLD,A1,2016-01-01,2016-12-31,true
        SHORT,A2,2025-04-15,2025-05-20,false
        """;

    // M1 arrived in March; M2 was opened in April but nobody came; M3 was opened on 31 May and the technician arrived on
    // 1 June (Shanghai time), so the visit is June's; M4 for SHORT was never attended.
    private const string Tickets = """
        ticket_id,account_id,contract_id,kind,opened_at,first_response_at,onsite_at
        P1,A1,OLD,phone,2025-03-01T10:00:00+08:00,2025-03-01T10:30:00+08:00,
        M1,A1,OLD,maintenance,2025-03-10T09:00:00+08:00,,2025-03-10T10:00:00+08:00
        M2,A1,OLD,maintenance,2025-04-08T09:00:00+08:00,,
        M3,A1,OLD,maintenance,2025-05-31T16:00:00+08:00,,2025-06-01T09:30:00+08:00
        M4,A2,SHORT,maintenance,2025-05-06T09:00:00+08:00,,
        """;

    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private List<(string Contract, DateOnly Month, long Done, bool Missed)> Visits(params (string Key, string Value)[] settings)
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nA1,甲方\nA2,乙方\n");
        _warehouse.LoadText("contracts.csv", Contracts);
        _warehouse.LoadText("tickets.csv", Tickets);
        _warehouse.RefreshMarts([("as_of_date", "2025-06-30"), .. settings]);
        return _warehouse.Rows(
            "select contract_id, month, visits_done, missed from marts.maintenance_visits order by contract_id, month",
            r => (r.GetString(0), r.GetFieldValue<DateOnly>(1), Convert.ToInt64(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture), r.GetBoolean(3)));
    }

    [Fact]
    public void Visits_are_owed_from_the_first_exported_ticket_month_and_done_only_when_a_technician_arrived()
    {
        // Not 114 months of OLD back to January 2016: March to June 2025. April's ticket had no arrival: missed. May's
        // arrival came on 1 June: May missed, June done (June is not over on 30 June, so it could not be missed anyway).
        Assert.Equal(
            [
                ("OLD", new DateOnly(2025, 3, 1), 1L, false),
                ("OLD", new DateOnly(2025, 4, 1), 0L, true),
                ("OLD", new DateOnly(2025, 5, 1), 0L, true),
                ("OLD", new DateOnly(2025, 6, 1), 1L, false),
                ("SHORT", new DateOnly(2025, 4, 1), 0L, true),
                ("SHORT", new DateOnly(2025, 5, 1), 0L, true),
            ],
            Visits());
    }

    [Fact]
    public void The_setting_moves_the_first_owed_month()
    {
        var owed = Visits(("maintenance.owed_from", "2025-01-20"));

        Assert.Equal(
            [(new DateOnly(2025, 1, 1), true), (new DateOnly(2025, 2, 1), true), (new DateOnly(2025, 3, 1), false)],
            owed.Where(v => v.Contract == "OLD").Take(3).Select(v => (v.Month, v.Missed)));
    }
}
