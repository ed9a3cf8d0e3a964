using Analytics.Tests.Support;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Sla;

/// <summary>The sla.default_* settings are what a ticket without a contract is measured by.</summary>
public sealed class SlaSettingsTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public void Changed_defaults_change_the_clock_of_a_ticket_without_a_contract()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nA1,甲方\n");
        _warehouse.LoadText("tickets.csv", """
            ticket_id,account_id,kind,opened_at,first_response_at
            T1,A1,phone,2025-03-04 16:00,2025-03-05 10:00
            """);
        _warehouse.RefreshMarts(("sla.default_service_end", "18:00:00"), ("sla.default_response_hours", "1.5"));

        // 16:00-18:00 is 120 minutes and 09:00-10:00 is 60: 180 > 90.
        Assert.Equal((180L, false), _warehouse.Rows("select response_minutes, response_met from marts.ticket_sla", r => (r.GetInt64(0), r.GetBoolean(1))).Single());
    }
}
