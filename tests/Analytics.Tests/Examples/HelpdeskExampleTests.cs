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
    public async Task The_event_log_loads_as_4580_tickets_of_397_customers_with_every_event_accounted_for_and_SLA_minutes_on_Rome_time()
    {
        var db = _folder.File("helpdesk.duckdb");
        var (exitCode, output) = await RunLoadScript(TestPaths.Dataset("helpdesk_eventlog"), db);
        Assert.True(exitCode == 0, output);
        Assert.Contains("finale.csv: 21,348 rows -> 397 accounts (20,951 merged, 0 dropped); accounts loaded 397 of 397 rows, 0 rejected", output, StringComparison.Ordinal);
        Assert.Contains("finale.csv: 21,348 rows -> 4,580 tickets (16,768 merged, 0 dropped); tickets loaded 4,580 of 4,580 rows, 0 rejected", output, StringComparison.Ordinal);

        using var database = WarehouseDatabase.Open(db);
        using var connection = database.Connect();
        // Every event is in the ledger: read = loaded + rejected + pending + merged + dropped, for both entities.
        Assert.Equal(
            [("accounts", 21348L, 397L, 20951L, 0L), ("tickets", 21348L, 4580L, 16768L, 0L)],
            connection.Rows("""
                select entity, rows_read, rows_loaded, rows_merged, rows_dropped from meta.load_batches
                where status = 'loaded' and rows_read = rows_loaded + rows_rejected + rows_pending + rows_merged + rows_dropped
                order by entity
                """, r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4))));
        Assert.Equal(4580, connection.Scalar<long>("select count(*) from core.tickets"));

        // Response minutes by hand, on the default window 09:00-17:00 every day, on Rome's clock, whole minutes
        // rounded down (the log's times are Rome's; none of these days is an Italian public holiday):
        //   Case 12  opened 2013-03-18 10:47:34, taken in charge 15:03:49 the same day: 4 h 16 min 15 s -> 256.
        //   Case 8   opened 2012-07-05 08:30:32, before the window: the clock starts at 09:00; taken 09:25:45 -> 25.
        //            (July: Rome is UTC+2, so the clock would be off by an hour on a fixed offset or Shanghai's.)
        //   Case 263 opened 2011-12-28 16:51:52: 8 min 8 s that day; next day 09:00 to 10:16:43 is 76 min 43 s;
        //            84 min 51 s -> 84.
        //   Case 406 opened 2010-01-13 17:25:25, after the window: the clock starts 2010-01-14 09:00; taken
        //            11:42:31 -> 2 h 42 min 31 s -> 162.
        //   Case 35  never taken in charge -> no response minutes.
        Assert.Equal(
            [("Case 12", 256L), ("Case 263", 84L), ("Case 35", null), ("Case 406", 162L), ("Case 8", 25L)],
            connection.Rows("""
                select ticket_id, response_minutes::bigint from marts.ticket_sla
                where ticket_id in ('Case 12', 'Case 8', 'Case 263', 'Case 406', 'Case 35') order by ticket_id
                """, r => (r.GetString(0), r.IsDBNull(1) ? (long?)null : r.GetInt64(1))));
        Assert.Equal("Europe/Rome", connection.Scalar<string>("select distinct time_zone from marts.ticket_sla"));
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
