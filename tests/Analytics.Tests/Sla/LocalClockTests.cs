using Analytics.Tests.Support;

namespace Analytics.Tests.Sla;

/// <summary>
/// ticket_service_windows' local clocks, worked out by hand from the zones' published rules (tz database): New York
/// left summer time at 2025-11-02 06:00 UTC (02:00 EDT became 01:00 EST), Adelaide entered it at 2025-10-04 16:30 UTC
/// (02:00 ACST, +9:30, became 03:00 ACDT, +10:30), Kathmandu is +5:45 all year and Shanghai +8. The mart converts by
/// each zone's offset per UTC day and instant by instant only on a day whose offset changes, so instants on both
/// sides of a switch, on the switch's day and the days around it, are each checked.
/// </summary>
public sealed class LocalClockTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public LocalClockTests()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nA1,Client Inc\n");
        _warehouse.LoadText("contracts.csv", """
            contract_id,account_id,start_date,end_date,time_zone
            NYC,A1,2025-01-01,2025-12-31,America/New_York
            ADL,A1,2025-01-01,2025-12-31,Australia/Adelaide
            KTM,A1,2025-01-01,2025-12-31,Asia/Kathmandu
            SHA,A1,2025-01-01,2025-12-31,Asia/Shanghai
            """);
        _warehouse.LoadText("tickets.csv", """
            ticket_id,account_id,contract_id,kind,opened_at,first_response_at,onsite_at
            NYC-SWITCH,A1,NYC,onsite,2025-11-02T05:30:00Z,2025-11-02T06:30:00Z,2025-11-03T14:15:30.250000Z
            NYC-BEFORE,A1,NYC,phone,2025-11-01T23:59:59.999999Z,,
            ADL-SWITCH,A1,ADL,onsite,2025-10-04T16:00:00Z,2025-10-04T17:00:00Z,2025-10-05T23:00:00Z
            KTM,A1,KTM,phone,2025-06-30T18:20:00Z,2025-07-01T00:00:00Z,
            SHA,A1,SHA,phone,2025-12-31T15:59:59Z,2025-12-31T16:00:00Z,
            """);
        _warehouse.RefreshMarts();
    }

    public void Dispose() => _warehouse.Dispose();

    [Theory]
    [InlineData("NYC-SWITCH", "2025-11-02 01:30:00", "2025-11-02 01:30:00", "2025-11-03 09:15:30.25")]
    [InlineData("NYC-BEFORE", "2025-11-01 19:59:59.999999", null, null)]
    [InlineData("ADL-SWITCH", "2025-10-05 01:30:00", "2025-10-05 03:30:00", "2025-10-06 09:30:00")]
    [InlineData("KTM", "2025-07-01 00:05:00", "2025-07-01 05:45:00", null)]
    [InlineData("SHA", "2025-12-31 23:59:59", "2026-01-01 00:00:00", null)]
    public void Each_instant_is_read_on_its_zones_wall_clock_on_both_sides_of_a_daylight_saving_switch(
        string ticket, string opened, string? response, string? onsite)
    {
        Assert.Equal(
            (opened, response, onsite),
            _warehouse.Rows(
                $"select opened_local::varchar, first_response_local::varchar, onsite_local::varchar from marts.ticket_service_windows where ticket_id = '{ticket}'",
                r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2))).Single());
    }
}
