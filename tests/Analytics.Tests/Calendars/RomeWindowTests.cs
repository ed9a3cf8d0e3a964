using Analytics.Ingest;
using Analytics.Tests.Support;

namespace Analytics.Tests.Calendars;

/// <summary>
/// A service window in Rome: 09:00-17:00 Europe/Rome every day, on an IT calendar loaded by the user (written by hand
/// from Italy's 2025 national holidays: 25 April, Liberation Day, falls between the ticket's opening and response).
/// One ticket comes under a Rome contract; the other, without a contract, from an export whose mapping says its
/// source is in Rome. Both are 24 April 16:00 Rome (14:00 UTC, summer time) to 26 April 09:30 Rome (07:30 UTC).
/// </summary>
public sealed class RomeWindowTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public RomeWindowTests()
    {
        _warehouse.LoadText("holidays_it.csv", """
            calendar,start_date,end_date,holiday,name
            IT,2025-01-01,2025-01-01,capodanno,Capodanno
            IT,2025-01-06,2025-01-06,epifania,Epifania
            IT,2025-04-20,2025-04-21,pasqua,Pasqua e Lunedì dell'Angelo
            IT,2025-04-25,2025-04-25,liberazione,Festa della Liberazione
            IT,2025-05-01,2025-05-01,lavoro,Festa del Lavoro
            IT,2025-06-02,2025-06-02,repubblica,Festa della Repubblica
            IT,2025-08-15,2025-08-15,ferragosto,Ferragosto
            IT,2025-11-01,2025-11-01,ognissanti,Ognissanti
            IT,2025-12-08,2025-12-08,immacolata,Immacolata Concezione
            IT,2025-12-25,2025-12-26,natale,Natale e Santo Stefano
            """);
        _warehouse.LoadText("accounts.csv", "account_id,name\nA1,Cliente SpA\n");
        _warehouse.LoadText("contracts.csv", """
            contract_id,account_id,start_date,end_date,response_hours,onsite_hours,time_zone,holiday_calendar
            ROMA,A1,2025-01-01,2025-12-31,2,4,Europe/Rome,IT
            """);
        _warehouse.LoadText("tickets.csv", """
            ticket_id,account_id,contract_id,kind,opened_at,first_response_at
            CONTRACT,A1,ROMA,phone,2025-04-24T14:00:00Z,2025-04-26T07:30:00Z
            """);
        var mapping = _warehouse.Write("desk.mapping.json", """
            {"entity":"tickets","time_zone":"Europe/Rome","holiday_calendar":"IT",
             "columns":{"ticket_id":"Case","account_id":"Customer","kind":"Channel","opened_at":"Opened","first_response_at":"Answered"}}
            """);
        _warehouse.LoadText("desk.csv", """
            Case,Customer,Channel,Opened,Answered
            SOURCE,A1,phone,2025-04-24 16:00:00,2025-04-26 09:30:00
            """, new LoadOptions(MappingPath: mapping));
        _warehouse.RefreshMarts();
    }

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public void A_Rome_contracts_clock_runs_on_Rome_hours_and_skips_Liberation_Day()
    {
        // 24 April 16:00-17:00 Rome is 60 minutes, 25 April is a holiday, 26 April 09:00-09:30 is 30: 90 (met).
        // On Shanghai hours and the CN calendar the same instants would be 25 April 09:00 to 26 April 15:30: 870.
        Assert.Equal(
            ("Europe/Rome", "IT", "2025-04-24 14:00:00+00", 90L, true, true),
            _warehouse.Rows(
                "select time_zone, holiday_calendar, clock_start_at::varchar, response_minutes, response_met, calendar_covered from marts.ticket_sla where ticket_id = 'CONTRACT'",
                r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetBoolean(4), r.GetBoolean(5))).Single());
    }

    [Fact]
    public void A_ticket_without_a_contract_keeps_its_sources_zone_and_calendar_from_the_mapping()
    {
        // Its local times are read as Rome time (16:00 Rome is 14:00 UTC), stored with the ticket, and measured as above.
        Assert.Equal(
            ("Europe/Rome", "IT", "2025-04-24 14:00:00+00"),
            _warehouse.Rows("select time_zone, holiday_calendar, opened_at::varchar from core.tickets where ticket_id = 'SOURCE'",
                r => (r.GetString(0), r.GetString(1), r.GetString(2))).Single());
        Assert.Equal(
            ("Europe/Rome", "IT", "2025-04-24 14:00:00+00", 90L, true),
            _warehouse.Rows(
                "select time_zone, holiday_calendar, clock_start_at::varchar, response_minutes, response_met from marts.ticket_sla where ticket_id = 'SOURCE'",
                r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetBoolean(4))).Single());
    }
}
