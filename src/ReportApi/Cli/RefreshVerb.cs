using System.Globalization;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.ReportApi.Cli;

/// <summary><c>analytics refresh</c>: rebuilds the marts.</summary>
internal static class RefreshVerb
{
    public static Verb Definition { get; } = new(
        "refresh",
        "refresh",
        "Rebuilds every mart from the core tables (each built aside, all swapped in at once: readers see the old marts or the new), and prints each mart's rows and time, then a warning per holiday calendar that tickets fall outside of.",
        new HashSet<string>(),
        new HashSet<string>(),
        RunAsync);

    private static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positional.Count > 0)
        {
            throw new UsageException("refresh takes no arguments.");
        }

        using var warehouse = args.OpenWarehouse();
        using var connection = warehouse.Database.Connect();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var t in new MartBuilder(connection).Refresh())
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"marts.{t.Mart}: {t.Rows:N0} rows in {t.Elapsed.TotalSeconds:0.00} s"));
        }

        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"refreshed in {clock.Elapsed.TotalSeconds:0.00} s"));
        foreach (var gap in CalendarGaps.Read(connection))
        {
            await stdout.WriteLineAsync("warning: " + gap.Warning());
        }
        return 0;
    }
}
