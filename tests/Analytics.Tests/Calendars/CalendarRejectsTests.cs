using Analytics.Tests.Support;

namespace Analytics.Tests.Calendars;

/// <summary>
/// A contract or ticket naming a calendar nobody loaded (no Calendars/ file, no holidays file) or a time zone that is
/// not one is rejected with its reason, as any other bad row, instead of silently getting no holidays.
/// </summary>
public sealed class CalendarRejectsTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public CalendarRejectsTests() => _warehouse.LoadText("accounts.csv", "account_id,name\nA1,甲方\n");

    public void Dispose() => _warehouse.Dispose();

    private List<(long Line, string Reason)> Rejects(long batchId) => _warehouse.Rows(
        "select source_line, reason from meta.rejects where batch_id = $1 order by source_line", r => (r.GetInt64(0), r.GetString(1)), batchId);

    [Fact]
    public void A_contract_on_calendar_IT_is_rejected_until_its_holidays_are_loaded()
    {
        const string contracts = """
            contract_id,account_id,start_date,end_date,time_zone,holiday_calendar
            ROMA,A1,2025-01-01,2025-12-31,Europe/Rome,IT
            SH,A1,2025-01-01,2025-12-31,Asia/Shanghai,CN
            """;
        var first = _warehouse.LoadText("contracts.csv", contracts);
        Assert.Equal((2L, 1L, 1L), (first.Counts.Read, first.Counts.Loaded, first.Counts.Rejected));
        Assert.Equal([(2L, "unknown holiday_calendar: no holidays are loaded for it (load its holidays file first)")], Rejects(first.BatchId!.Value));

        _warehouse.LoadText("holidays_it.csv", "calendar,start_date,end_date,name\nIT,2025-04-25,2025-04-25,Festa della Liberazione\n");
        var second = _warehouse.LoadText("contracts_again.csv", contracts.Replace("2025-12-31", "2026-12-31", StringComparison.Ordinal));
        Assert.Equal((2L, 2L, 0L), (second.Counts.Read, second.Counts.Loaded, second.Counts.Rejected));
    }

    [Fact]
    public void A_ticket_with_an_unknown_time_zone_or_calendar_is_rejected_and_the_rest_of_its_file_loads()
    {
        var report = _warehouse.LoadText("tickets.csv", """
            ticket_id,account_id,kind,opened_at,time_zone,holiday_calendar
            T1,A1,phone,2025-03-04 10:00,Europe/Rome,CN
            T2,A1,phone,2025-03-04 10:00,Mars/Olympus,CN
            T3,A1,phone,2025-03-04 10:00,Europe/Rome,IT
            """);

        Assert.Equal((3L, 1L, 2L), (report.Counts.Read, report.Counts.Loaded, report.Counts.Rejected));
        Assert.Equal(
            [(3L, "unknown time_zone"), (4L, "unknown holiday_calendar: no holidays are loaded for it (load its holidays file first)")],
            Rejects(report.BatchId!.Value));
    }

    [Fact]
    public void A_holidays_row_is_checked_like_any_other()
    {
        var report = _warehouse.LoadText("holidays_bad.csv", """
            calendar,start_date,end_date,kind
            XX,2025-05-02,2025-05-01,holiday
            XX,2025-05-01,2025-05-01,vacation
            X X,2025-06-01,2025-06-01,holiday
            XX,2025-07-01,2025-07-01,workday
            """);

        Assert.Equal((4L, 1L, 3L), (report.Counts.Read, report.Counts.Loaded, report.Counts.Rejected));
        Assert.Equal(
            [(2L, "end_date before start_date"), (3L, "kind not one of holiday, workday"), (4L, "calendar code not letters, digits, _ or -")],
            Rejects(report.BatchId!.Value));
    }
}
