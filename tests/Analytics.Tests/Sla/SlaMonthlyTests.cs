using Analytics.Tests.Support;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Sla;

/// <summary>
/// Breach rates per account, contract, engineer and site per month, and maintenance visits owed against
/// done, on a hand-made book computed for 20 March 2025. Every ticket is opened at 10:00 Shanghai on a
/// service day, so each response or visit time is the plain difference (limits 2 h and 4 h).
/// </summary>
public sealed class SlaMonthlyTests : IClassFixture<SlaMonthlyTests.MonthBook>
{
    private readonly TestWarehouse _warehouse;

    public SlaMonthlyTests(MonthBook book) => _warehouse = book.Warehouse;

    public sealed class MonthBook : IDisposable
    {
        public TestWarehouse Warehouse { get; } = new();

        public MonthBook()
        {
            Warehouse.LoadText("accounts.csv", "account_id,name\nA1,甲方\nA2,乙方\n");
            Warehouse.LoadText("contracts.csv", """
                contract_id,account_id,start_date,end_date,terminated_on
                C1,A1,2025-01-15,2025-12-31,
                C2,A2,2024-11-01,2025-02-10,
                C3,A2,2025-02-11,2026-02-10,2025-03-10
                C4,A2,2025-04-01,2026-03-31,
                """);
            // T1 response 60 met; T2 response 150 breached, on site 180 met; T3 response 60 met, on site 300 breached;
            // T4 never answered; T5 a maintenance visit (never met or breached); T6 has no contract, response 180 breached.
            Warehouse.LoadText("tickets.csv", """
                ticket_id,account_id,contract_id,kind,opened_at,first_response_at,onsite_at,satisfaction,is_designated_contact,engineer,site
                T1,A1,C1,phone,2025-02-10 10:00,2025-02-10 11:00,,5,是,E1,S1
                T2,A1,C1,onsite,2025-02-11 10:00,2025-02-11 12:30,2025-02-11 13:00,2,是,E1,S1
                T3,A1,C1,complaint,2025-02-12 10:00,2025-02-12 11:00,2025-02-12 15:00,1,否,E2,S2
                T4,A1,C1,request,2025-02-13 10:00,,,,否,E2,S1
                T5,A1,C1,maintenance,2025-02-14 10:00,,2025-02-14 10:00,,是,E1,S1
                T6,A1,,phone,2025-03-03 10:00,2025-03-03 13:00,,4,是,E1,S1
                T7,A2,C2,maintenance,2025-01-20 10:00,,2025-01-20 10:00,,是,,
                T8,A2,C3,phone,2025-03-05 10:00,2025-03-05 10:30,,,,E2,
                """);
            Warehouse.RefreshMarts(("as_of_date", "2025-03-20"));
        }

        public void Dispose() => Warehouse.Dispose();
    }

    private sealed record MonthlyRow(
        string Member, string Month, long Tickets, long ResponseBreaches, long OnsiteBreaches, long MeasuredTickets,
        double? BreachRate, long Complaints, double? AvgSatisfaction, long NonDesignated);

    private List<MonthlyRow> MonthsOf(string dimension) => _warehouse.Rows("""
        select member, month::varchar, tickets, response_breaches, onsite_breaches, measured_tickets,
            round(breach_rate, 4), complaints, round(avg_satisfaction, 4), non_designated_tickets
        from marts.sla_compliance_monthly where dimension = $1 order by member, month
        """,
        r => new MonthlyRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5),
            r.IsDBNull(6) ? null : r.GetDouble(6), r.GetInt64(7), r.IsDBNull(8) ? null : r.GetDouble(8), r.GetInt64(9)),
        dimension);

    [Fact]
    public void An_accounts_breach_rate_is_its_breached_tickets_over_the_tickets_with_a_clock_measured()
    {
        // A1 in February: T1-T5; measured T1, T2, T3; breached T2 (response) and T3 (on site): 2 / 3.
        Assert.Equal(
            [
                new MonthlyRow("A1", "2025-02-01", 5, 1, 1, 3, 0.6667, 1, 2.6667, 2),
                new MonthlyRow("A1", "2025-03-01", 1, 1, 0, 1, 1.0, 0, 4.0, 0),
                new MonthlyRow("A2", "2025-01-01", 1, 0, 0, 0, null, 0, null, 0),
                new MonthlyRow("A2", "2025-03-01", 1, 0, 0, 1, 0.0, 0, null, 0),
            ],
            MonthsOf("account"));
    }

    [Fact]
    public void Engineers_and_sites_get_the_tickets_that_name_them()
    {
        Assert.Equal(
            [
                new MonthlyRow("E1", "2025-02-01", 3, 1, 0, 2, 0.5, 0, 3.5, 0),
                new MonthlyRow("E1", "2025-03-01", 1, 1, 0, 1, 1.0, 0, 4.0, 0),
                new MonthlyRow("E2", "2025-02-01", 2, 0, 1, 1, 1.0, 1, 1.0, 2),
                new MonthlyRow("E2", "2025-03-01", 1, 0, 0, 1, 0.0, 0, null, 0),
            ],
            MonthsOf("engineer"));
        Assert.Equal(
            [
                new MonthlyRow("S1", "2025-02-01", 4, 1, 0, 2, 0.5, 0, 3.5, 1),
                new MonthlyRow("S1", "2025-03-01", 1, 1, 0, 1, 1.0, 0, 4.0, 0),
                new MonthlyRow("S2", "2025-02-01", 1, 0, 1, 1, 1.0, 1, 1.0, 1),
            ],
            MonthsOf("site"));
    }

    [Fact]
    public void A_ticket_without_a_contract_counts_for_its_account_but_for_no_contract()
    {
        Assert.Equal(
            [("C1", "2025-02-01", 5L), ("C2", "2025-01-01", 1L), ("C3", "2025-03-01", 1L)],
            MonthsOf("contract").Select(m => (m.Member, m.Month, m.Tickets)));
    }

    [Fact]
    public void One_maintenance_visit_is_owed_each_month_a_contract_is_active_and_a_month_over_without_one_is_missed()
    {
        // C1 from 15 January: January missed, February done (T5), March still running on 20 March.
        // C2 to 10 February: owed only from January, the month of the first exported ticket (T7): November and December
        // 2024 are before the export and not owed; January done (T7), February missed.
        // C3 from 11 February, terminated 10 March: both months missed. C4 starts after 20 March: nothing owed.
        Assert.Equal(
            [
                ("C1", "2025-01-01", 1, 0L, true, true), ("C1", "2025-02-01", 1, 1L, true, false), ("C1", "2025-03-01", 1, 0L, false, false),
                ("C2", "2025-01-01", 1, 1L, true, false), ("C2", "2025-02-01", 1, 0L, true, true),
                ("C3", "2025-02-01", 1, 0L, true, true), ("C3", "2025-03-01", 1, 0L, true, true),
            ],
            _warehouse.Rows(
                "select contract_id, month::varchar, visits_owed, visits_done, is_month_over, missed from marts.maintenance_visits order by 1, 2",
                r => (r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt64(3), r.GetBoolean(4), r.GetBoolean(5))));
    }
}
