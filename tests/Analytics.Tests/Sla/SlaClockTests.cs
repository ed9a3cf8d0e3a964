using Analytics.Tests.Support;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Sla;

/// <summary>
/// SLA clocks in service minutes, each expectation worked out by hand: service hours 09:00-17:00 local
/// (480 minutes a day), every day of the week, none inside a holiday period (2025 Spring Festival:
/// 28 January to 4 February; National Day: 1 to 8 October). Times in the tickets file without an
/// offset are the contract's local time.
/// </summary>
public sealed class SlaClockTests : IClassFixture<SlaClockTests.ClockBook>
{
    private readonly TestWarehouse _warehouse;

    public SlaClockTests(ClockBook book) => _warehouse = book.Warehouse;

    public sealed class ClockBook : IDisposable
    {
        public TestWarehouse Warehouse { get; } = new();

        public ClockBook()
        {
            Warehouse.LoadText("accounts.csv", "account_id,name\nA1,甲方\nA2,乙方\n");

            // A calendar no Calendars/ file ships is the user's to load; Germany's 2025 federal holidays, by hand.
            Warehouse.LoadText("holidays_de.csv", """
                calendar,start_date,end_date,name
                DE,2025-01-01,2025-01-01,Neujahr
                DE,2025-04-18,2025-04-18,Karfreitag
                DE,2025-04-21,2025-04-21,Ostermontag
                DE,2025-05-01,2025-05-01,Tag der Arbeit
                DE,2025-05-29,2025-05-29,Christi Himmelfahrt
                DE,2025-06-09,2025-06-09,Pfingstmontag
                DE,2025-10-03,2025-10-03,Tag der Deutschen Einheit
                DE,2025-12-25,2025-12-26,Weihnachten
                """);
            Warehouse.LoadText("contracts.csv", """
                contract_id,account_id,start_date,end_date,response_hours,onsite_hours,time_zone,holiday_calendar
                SH,A1,2025-01-01,2025-12-31,2,4,Asia/Shanghai,CN
                BER,A2,2025-01-01,2025-12-31,2,4,Europe/Berlin,CN
                BER-DE,A2,2025-01-01,2025-12-31,2,4,Europe/Berlin,DE
                """);
            Warehouse.LoadText("tickets.csv", """
                ticket_id,account_id,contract_id,kind,opened_at,first_response_at,onsite_at
                OVERNIGHT,A1,SH,phone,2025-02-28 16:00,2025-03-01 10:30,
                WEEKEND,A1,SH,onsite,2025-03-01 16:30,2025-03-02 10:00,2025-03-02 12:45
                SPRING,A1,SH,onsite,2025-01-27 16:30,2025-02-05 10:00,2025-02-05 13:00
                EVENING,A1,SH,phone,2025-03-04 20:15,2025-03-05 09:40,
                EARLY,A1,SH,phone,2025-03-04 07:00,2025-03-04 09:30,
                HOLIDAY,A1,SH,onsite,2025-10-03 11:00,2025-10-03 11:05,2025-10-09 10:00
                LIMIT,A1,SH,phone,2025-03-04 10:00,2025-03-04 12:00,
                OVER,A1,SH,phone,2025-03-04 10:00,2025-03-04 12:01,
                SECONDS,A1,SH,phone,2025-03-04 10:00:00,2025-03-04 12:00:59,
                MONTH-END,A1,SH,phone,2025-02-28T17:00:00Z,,
                NO-CONTRACT,A1,,onsite,2025-03-04 16:00,2025-03-05 10:00,2025-03-05 12:00
                BERLIN,A2,BER,phone,2025-03-04T07:00:00Z,2025-03-04T10:30:00Z,
                BERLIN-DST,A2,BER,phone,2025-03-29 16:00,2025-03-30 10:00,
                BERLIN-SUMMER,A2,BER,phone,2025-04-08T06:45:00Z,2025-04-08T08:00:00Z,
                BERLIN-CN,A2,BER,phone,2025-01-27 16:30,2025-01-28 09:30,
                BERLIN-DE,A2,BER-DE,phone,2025-01-27 16:30,2025-01-28 09:30,
                """);
            Warehouse.RefreshMarts();
        }

        public void Dispose() => Warehouse.Dispose();
    }

    private sealed record Clock(string ClockStartAt, long? ResponseMinutes, bool? ResponseMet, long? OnsiteMinutes, bool? OnsiteMet);

    private Clock ClockOf(string ticketId) => _warehouse.Rows(
        "select clock_start_at::varchar, response_minutes, response_met, onsite_minutes, onsite_met from marts.ticket_sla where ticket_id = $1",
        r => new Clock(
            r.GetString(0),
            r.IsDBNull(1) ? null : r.GetInt64(1),
            r.IsDBNull(2) ? null : r.GetBoolean(2),
            r.IsDBNull(3) ? null : r.GetInt64(3),
            r.IsDBNull(4) ? null : r.GetBoolean(4)),
        ticketId).Single();

    [Fact]
    public void Weekends_are_service_days_and_every_day_of_a_holiday_period_is_not()
    {
        Assert.Equal(
            [("2025-01-27", true, null), ("2025-01-28", false, "春节"), ("2025-02-01", false, "春节"), ("2025-02-04", false, "春节"),
             ("2025-02-05", true, null), ("2025-03-01", true, null), ("2025-03-02", true, null)],
            _warehouse.Rows("""
                select service_date::varchar, is_service_day, holiday from marts.service_days
                where holiday_calendar = 'CN' and service_weekdays = '1234567' and service_date in ('2025-01-27', '2025-01-28', '2025-02-01', '2025-02-04', '2025-02-05', '2025-03-01', '2025-03-02')
                order by service_date
                """, r => (r.GetString(0), r.GetBoolean(1), r.IsDBNull(2) ? null : r.GetString(2))));
    }

    [Fact]
    public void A_response_clock_stops_at_17_00_and_runs_again_from_09_00_the_next_morning()
    {
        // Friday 16:00-17:00 is 60 minutes, Saturday 09:00-10:30 is 90: 150 > 120.
        Assert.Equal(new Clock("2025-02-28 08:00:00+00", 150, false, null, null), ClockOf("OVERNIGHT"));
    }

    [Fact]
    public void A_clock_runs_through_a_weekend_like_any_other_day()
    {
        // Saturday 16:30-17:00 is 30 minutes; Sunday 09:00-10:00 is 60 (response 90), Sunday 09:00-12:45 is 225 (on site 255 > 240).
        Assert.Equal(new Clock("2025-03-01 08:30:00+00", 90, true, 255, false), ClockOf("WEEKEND"));
    }

    [Fact]
    public void A_clock_stopped_by_the_Spring_Festival_resumes_on_5_February_at_09_00()
    {
        // 27 January 16:30-17:00 is 30 minutes, 28 January to 4 February count nothing, then 60 (response) or 240 (on site) on 5 February.
        Assert.Equal(new Clock("2025-01-27 08:30:00+00", 90, true, 270, false), ClockOf("SPRING"));
    }

    [Fact]
    public void A_ticket_opened_outside_service_hours_starts_its_clock_at_the_next_service_minute()
    {
        // 20:15 waits for 09:00 the next day (01:00 UTC); 07:00 waits for 09:00 the same day.
        Assert.Equal(new Clock("2025-03-05 01:00:00+00", 40, true, null, null), ClockOf("EVENING"));
        Assert.Equal(new Clock("2025-03-04 01:00:00+00", 30, true, null, null), ClockOf("EARLY"));
    }

    [Fact]
    public void A_ticket_opened_on_a_holiday_starts_its_clock_the_first_morning_after_the_period()
    {
        // National Day runs to 8 October: a response during the holiday took 0 service minutes; on site 9 October 09:00-10:00 is 60.
        Assert.Equal(new Clock("2025-10-09 01:00:00+00", 0, true, 60, true), ClockOf("HOLIDAY"));
    }

    [Fact]
    public void A_response_at_exactly_the_limit_meets_it_and_one_a_minute_later_breaches_it()
    {
        Assert.Equal((120L, true), (ClockOf("LIMIT").ResponseMinutes, ClockOf("LIMIT").ResponseMet));
        Assert.Equal((121L, false), (ClockOf("OVER").ResponseMinutes, ClockOf("OVER").ResponseMet));
    }

    [Fact]
    public void Minutes_are_whole_minutes_rounded_down()
    {
        // 120 minutes 59 seconds is the 120th minute: still within a 2-hour limit.
        Assert.Equal((120L, true), (ClockOf("SECONDS").ResponseMinutes, ClockOf("SECONDS").ResponseMet));
    }

    [Fact]
    public void On_site_time_and_its_verdict_are_null_when_there_was_no_visit_and_both_are_null_without_a_response()
    {
        Assert.Equal(new Clock("2025-03-04 02:00:00+00", 120, true, null, null), ClockOf("LIMIT"));
        Assert.Equal(new Clock("2025-03-01 01:00:00+00", null, null, null, null), ClockOf("MONTH-END"));
    }

    [Fact]
    public void A_ticket_without_a_contract_takes_the_default_window_zone_calendar_and_limits()
    {
        // 16:00-17:00 and 09:00-10:00: 120 (limit 2 h); on site at 12:00: 60 + 180 = 240 (limit 4 h).
        Assert.Equal(new Clock("2025-03-04 08:00:00+00", 120, true, 240, true), ClockOf("NO-CONTRACT"));
        Assert.Equal(
            ("Asia/Shanghai", "CN", "09:00:00", "17:00:00", 2m, 4m),
            _warehouse.Rows(
                "select time_zone, holiday_calendar, service_start::varchar, service_end::varchar, response_hours, onsite_hours from marts.ticket_sla where ticket_id = 'NO-CONTRACT'",
                r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDecimal(4), r.GetDecimal(5))).Single());
    }

    [Fact]
    public void A_contract_in_another_time_zone_runs_its_clock_on_that_zones_local_hours()
    {
        // 07:00 UTC is 08:00 in Berlin: the clock starts at 09:00 Berlin (08:00 UTC); the response at 11:30 Berlin is 150 minutes.
        // (On Shanghai hours the same two instants, 15:00 and 18:30, would be 120 minutes.)
        Assert.Equal(new Clock("2025-03-04 08:00:00+00", 150, false, null, null), ClockOf("BERLIN"));
    }

    [Fact]
    public void Service_hours_follow_the_local_clock_across_a_daylight_saving_change()
    {
        // Saturday 16:00-17:00 CET is 60 minutes; Sunday 30 March 09:00-10:00 CEST is 60 more, though UTC moved by 17 hours.
        Assert.Equal(new Clock("2025-03-29 15:00:00+00", 120, true, null, null), ClockOf("BERLIN-DST"));
    }

    [Fact]
    public void After_the_change_the_window_is_09_00_to_17_00_summer_time()
    {
        // 06:45 UTC is 08:45 CEST: the clock starts at 09:00 CEST (07:00 UTC); the response at 10:00 CEST is 60 minutes.
        Assert.Equal(new Clock("2025-04-08 07:00:00+00", 60, true, null, null), ClockOf("BERLIN-SUMMER"));
    }

    [Fact]
    public void A_contracts_holiday_calendar_applies_on_its_local_days_and_a_loaded_calendar_its_own_holidays()
    {
        // Berlin on calendar CN: 28 January is a Spring Festival day, so only 16:30-17:00 on the 27th counts.
        Assert.Equal(30L, ClockOf("BERLIN-CN").ResponseMinutes);

        // Berlin on calendar DE, loaded by the user, has no holiday in late January: 30 minutes on the 27th and 30 on the 28th.
        Assert.Equal(60L, ClockOf("BERLIN-DE").ResponseMinutes);
    }

    [Fact]
    public void A_ticket_belongs_to_the_month_it_was_opened_in_on_its_local_clock()
    {
        // 28 February 17:00 UTC is 1 March 01:00 in Shanghai.
        Assert.Equal(
            [("MONTH-END", "2025-03-01"), ("OVERNIGHT", "2025-02-01")],
            _warehouse.Rows("select ticket_id, month::varchar from marts.ticket_sla where ticket_id in ('MONTH-END', 'OVERNIGHT') order by 1",
                r => (r.GetString(0), r.GetString(1))));
    }
}
