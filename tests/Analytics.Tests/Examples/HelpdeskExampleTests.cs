using System.Diagnostics;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Examples;

/// <summary>
/// examples/helpdesk/load.sh on the public helpdesk event log (an Italian software company's tickets, 21,348 events of
/// 4,580 cases), run as a user would: a shell, and the analytics command found on PATH.
/// </summary>
public sealed class HelpdeskExampleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [DatasetFact("helpdesk_eventlog")]
    public async Task The_event_log_loads_as_4580_tickets_of_397_customers_with_every_event_accounted_for_and_SLA_minutes_on_Rome_hours_and_Italian_holidays()
    {
        var db = _folder.File("helpdesk.duckdb");
        var (exitCode, output) = await RunLoadScript(TestPaths.Dataset("helpdesk_eventlog"), db);
        Assert.True(exitCode == 0, output);
        Assert.Contains("finale.csv: 21,348 rows -> 397 accounts (20,951 merged, 0 dropped); accounts loaded 397 of 397 rows, 0 rejected", output, StringComparison.Ordinal);
        Assert.Contains("finale.csv: 21,348 rows -> 4,580 tickets (16,768 merged, 0 dropped); tickets loaded 4,580 of 4,580 rows, 0 rejected", output, StringComparison.Ordinal);

        using var database = WarehouseDatabase.Open(db);
        using var connection = database.Connect();
        // Every event is in the ledger: read = loaded + rejected + pending + merged + dropped, for both entities; and the
        // 55 holiday periods of 2010-2014 (11 a year; 2011 adds 17 March and has Easter Monday on 25 April).
        Assert.Equal(
            [("accounts", 21348L, 397L, 20951L, 0L), ("holidays", 55L, 55L, 0L, 0L), ("tickets", 21348L, 4580L, 16768L, 0L)],
            connection.Rows("""
                select entity, rows_read, rows_loaded, rows_merged, rows_dropped from meta.load_batches
                where status = 'loaded' and rows_read = rows_loaded + rows_rejected + rows_pending + rows_merged + rows_dropped
                order by entity
                """, r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4))));
        Assert.Equal(4580, connection.Scalar<long>("select count(*) from core.tickets"));

        // The log's times are UTC (its SOURCE.md is silent; the events' working day moves an hour earlier on the clock
        // exactly at each EU daylight-saving change: see examples/helpdesk/README.md), read as such by the mapping; the
        // SLA clock runs on Rome's hours and Italy's national holidays (holidays_it.csv), from the mapping, not a setting.
        Assert.Equal(
            [("Europe/Rome", "IT", 4580L, 4580L)],
            connection.Rows("""
                select time_zone, holiday_calendar, count(*), count(*) filter (where calendar_covered)
                from marts.ticket_sla group by all
                """, r => (r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3))));
        Assert.Equal(
            ("Asia/Shanghai", true),
            connection.Rows("select value, is_default from meta.settings where key = 'sla.default_time_zone'",
                r => (r.GetString(0), r.GetBoolean(1))).Single());

        // Response minutes by hand, on the default window 09:00-17:00 every day, on Rome's clock (UTC+1 in winter,
        // UTC+2 in summer), whole minutes rounded down:
        //   Case 12   opened 2013-03-18 10:47:34 UTC = 11:47:34 Rome, taken in charge 15:03:49 UTC = 16:03:49 Rome:
        //             4 h 16 min 15 s -> 256.
        //   Case 8    opened 2012-07-05 08:30:32 UTC = 10:30:32 Rome (summer, UTC+2), taken 09:25:45 UTC = 11:25:45
        //             Rome: 55 min 13 s -> 55 (read as Rome's own times, 08:30 would start the clock at 09:00: 25).
        //   Case 263  opened 2011-12-28 16:51:52 UTC = 17:51:52 Rome, after the window: the clock starts 29 December
        //             09:00; taken 10:16:43 UTC = 11:16:43 Rome -> 2 h 16 min 43 s -> 136.
        //   Case 406  opened 2010-01-13 17:25:25 UTC = 18:25:25 Rome: the clock starts 14 January 09:00; taken
        //             11:42:31 UTC = 12:42:31 Rome -> 3 h 42 min 31 s -> 222.
        //   Case 706  opened Tuesday 2012-04-24 15:31:51 UTC = 17:31:51 Rome, after the window; 25 April (Liberation
        //             Day) is a holiday, so the clock starts Thursday 26 April 09:00; taken 08:09:15 UTC = 10:09:15
        //             Rome -> 69 min 15 s -> 69 (without the holiday: 480 + 69 = 549).
        //   Case 3812 opened Wednesday 2011-04-20 12:14:21 UTC = 14:14:21 Rome: 2 h 45 min 39 s that day; 21, 22 and
        //             23 April 3 x 480 = 1,440 min; 24 April (Easter) and 25 April (Easter Monday and Liberation Day)
        //             are holidays; 26 April 09:00 to 09:22:40 Rome (07:22:40 UTC) is 22 min 40 s; in all
        //             165 min 39 s + 1,440 min + 22 min 40 s = 1,628 min 19 s -> 1628 (without the holidays: 2588).
        //   Case 35   never taken in charge -> no response minutes.
        Assert.Equal(
            [("Case 12", 256L), ("Case 263", 136L), ("Case 35", null), ("Case 3812", 1628L), ("Case 406", 222L), ("Case 706", 69L), ("Case 8", 55L)],
            connection.Rows("""
                select ticket_id, response_minutes::bigint from marts.ticket_sla
                where ticket_id in ('Case 12', 'Case 8', 'Case 263', 'Case 406', 'Case 706', 'Case 3812', 'Case 35') order by ticket_id
                """, r => (r.GetString(0), r.IsDBNull(1) ? (long?)null : r.GetInt64(1))));
    }

    // The script sees the analytics command on PATH as a user's shell would: a wrapper around the build beside the tests.
    private async Task<(int ExitCode, string Output)> RunLoadScript(string dataDir, string db)
    {
        var bin = Directory.CreateDirectory(_folder.File("bin")).FullName;
        var analytics = Path.Combine(bin, "analytics");
        await File.WriteAllTextAsync(analytics, $"#!/bin/sh\nexec dotnet \"{TestPaths.AnalyticsDll}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(analytics, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(TestPaths.RepoRoot, "examples", "helpdesk", "load.sh"));
        info.ArgumentList.Add(dataDir);
        info.ArgumentList.Add(db);
        info.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
