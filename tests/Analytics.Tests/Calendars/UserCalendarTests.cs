using Analytics.Tests.Support;

namespace Analytics.Tests.Calendars;

/// <summary>
/// A holiday calendar a user loads (the holidays entity), with its make-up working days (调休上班), under a contract
/// whose window opens Monday to Friday only. The calendar ACME is written by hand from the State Council's 2025
/// Spring Festival arrangement: 28 January to 4 February off, Sunday 26 January and Saturday 8 February worked.
/// Service hours 09:00-17:00 Shanghai (480 minutes a day); each expectation is worked out by hand.
/// </summary>
public sealed class UserCalendarTests : IClassFixture<UserCalendarTests.WorkweekBook>
{
    private readonly TestWarehouse _warehouse;

    public UserCalendarTests(WorkweekBook book) => _warehouse = book.Warehouse;

    public sealed class WorkweekBook : IDisposable
    {
        public TestWarehouse Warehouse { get; } = new();

        public WorkweekBook()
        {
            Warehouse.LoadText("holidays_acme.csv", """
                calendar,start_date,end_date,kind,name
                ACME,2025-01-28,2025-02-04,holiday,春节
                ACME,2025-01-26,2025-01-26,workday,春节调休上班
                ACME,2025-02-08,2025-02-08,workday,春节调休上班
                """);
            Warehouse.LoadText("accounts.csv", "account_id,name\nA1,甲方\n");
            Warehouse.LoadText("contracts.csv", """
                contract_id,account_id,start_date,end_date,response_hours,onsite_hours,time_zone,holiday_calendar,service_weekdays
                WORKWEEK,A1,2025-01-01,2025-12-31,2,4,Asia/Shanghai,ACME,12345
                """);
            Warehouse.LoadText("tickets.csv", """
                ticket_id,account_id,contract_id,kind,opened_at,first_response_at
                FRIDAY,A1,WORKWEEK,phone,2025-01-24 16:00,2025-01-26 10:30
                SATURDAY,A1,WORKWEEK,phone,2025-01-25 10:00,2025-01-26 09:45
                FESTIVAL,A1,WORKWEEK,phone,2025-01-27 16:00,2025-02-08 09:30
                SUNDAY,A1,WORKWEEK,phone,2025-02-09 10:00,2025-02-10 09:20
                """);
            Warehouse.RefreshMarts();
        }

        public void Dispose() => Warehouse.Dispose();
    }

    private (string ClockStartAt, long ResponseMinutes, bool ResponseMet, bool Covered) Clock(string ticketId) => _warehouse.Rows(
        "select clock_start_at::varchar, response_minutes, response_met, calendar_covered from marts.ticket_sla where ticket_id = $1",
        r => (r.GetString(0), r.GetInt64(1), r.GetBoolean(2), r.GetBoolean(3)),
        ticketId).Single();

    [Fact]
    public void A_make_up_working_day_on_a_Sunday_runs_the_clock_that_the_weekend_would_stop()
    {
        // Friday 16:00-17:00 is 60 minutes, Saturday is off, Sunday 26 January is worked: 09:00-10:30 is 90 more (150 > 120).
        Assert.Equal(("2025-01-24 08:00:00+00", 150L, false, true), Clock("FRIDAY"));
    }

    [Fact]
    public void A_ticket_opened_on_a_Saturday_starts_its_clock_on_the_make_up_Sunday()
    {
        // 09:00 Shanghai on 26 January is 01:00 UTC; the response at 09:45 took 45 minutes.
        Assert.Equal(("2025-01-26 01:00:00+00", 45L, true, true), Clock("SATURDAY"));
    }

    [Fact]
    public void The_holiday_period_stops_the_clock_and_the_make_up_Saturday_after_it_runs_it()
    {
        // Monday 27 January 16:00-17:00 is 60; 28 January to 4 February nothing; Wednesday 5 to Friday 7 February
        // 3 x 480 = 1,440; Saturday 8 February (worked) 09:00-09:30 is 30: 1,530.
        Assert.Equal(("2025-01-27 08:00:00+00", 1530L, false, true), Clock("FESTIVAL"));
    }

    [Fact]
    public void An_ordinary_Sunday_is_off_under_a_Monday_to_Friday_window()
    {
        // Sunday 9 February 10:00 waits for Monday 09:00 (01:00 UTC); the response at 09:20 took 20 minutes.
        Assert.Equal(("2025-02-10 01:00:00+00", 20L, true, true), Clock("SUNDAY"));
    }

    [Fact]
    public void Service_days_show_the_make_up_days_as_service_days_and_name_the_holiday()
    {
        Assert.Equal(
            [("2025-01-25", false, null), ("2025-01-26", true, null), ("2025-01-28", false, "春节"), ("2025-02-08", true, null), ("2025-02-09", false, null)],
            _warehouse.Rows("""
                select service_date::varchar, is_service_day, holiday from marts.service_days
                where holiday_calendar = 'ACME' and service_weekdays = '12345'
                  and service_date in ('2025-01-25', '2025-01-26', '2025-01-28', '2025-02-08', '2025-02-09')
                order by service_date
                """, r => (r.GetString(0), r.GetBoolean(1), r.IsDBNull(2) ? null : r.GetString(2))));
    }
}
