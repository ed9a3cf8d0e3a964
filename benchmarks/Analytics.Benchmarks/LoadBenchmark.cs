using System.Diagnostics;
using System.Globalization;
using Analytics.Ingest;
using Analytics.Ingest.Loading;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Benchmarks;

/// <summary>
/// Loads N generated order lines through the full loader (every check on) and, in the same run,
/// has bare DuckDB read the same file into a table (read_csv, types detected), the baseline.
/// </summary>
internal static class LoadBenchmark
{
    public static int Run(string[] args)
    {
        var lines = Option(args, "--lines") is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 10_000_000;
        var dir = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), $"analytics-bench-{lines}");
        var files = Path.Combine(dir, "files");
        if (!File.Exists(Path.Combine(files, "order_lines.csv")))
        {
            var generate = Stopwatch.StartNew();
            SyntheticOrders.Write(files, lines);
            Console.WriteLine($"generated {lines:N0} order lines in {generate.Elapsed.TotalSeconds:0.0} s into {files}");
        }

        var linesFile = Path.Combine(files, "order_lines.csv");
        Console.WriteLine($"order_lines.csv: {new FileInfo(linesFile).Length / 1e6:0} MB, {lines:N0} rows, {Environment.ProcessorCount} cores");

        // This machine's speed drifts by a quarter from minute to minute, so the two loads take turns, a few
        // rounds of each, and each round's ratio is of two runs a few seconds apart; the median round is the figure.
        var rounds = Option(args, "--rounds") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
        var results = new List<(TimeSpan Bare, TimeSpan Ours)>();
        for (var round = 1; round <= rounds; round++)
        {
            var (bare, bareCpu) = Bare(dir, linesFile);
            var (ours, oursCpu) = Ours(dir, files, linesFile, quiet: round > 1, badRows: 0);
            results.Add((bare, ours));
            Console.WriteLine($"round {round}: bare {bare.TotalSeconds:0.00} s ({bareCpu:0.0} cpu-s), ours {ours.TotalSeconds:0.00} s ({oursCpu:0.0} cpu-s), ratio {bare / ours:0.00}");
        }

        var median = results.OrderBy(x => x.Bare / x.Ours).ElementAt(results.Count / 2);
        Console.WriteLine();
        Console.WriteLine($"| load of {lines:N0} order lines (median of {rounds} rounds) | seconds | rows/s |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine($"| DuckDB bare `create table as select * from read_csv(...)` | {median.Bare.TotalSeconds:0.00} | {lines / median.Bare.TotalSeconds:N0} |");
        Console.WriteLine($"| analytics load (hash, type, check, merge, ledger) | {median.Ours.TotalSeconds:0.00} | {lines / median.Ours.TotalSeconds:N0} |");
        Console.WriteLine($"| ratio (ours / bare speed) | | {median.Bare / median.Ours:0.00} |");
        Console.WriteLine($"ratios of all rounds: {string.Join(", ", results.Select(x => (x.Bare / x.Ours).ToString("0.00", CultureInfo.InvariantCulture)))}");

        // The worst case of a load in one pass: the only row that does not load is the file's last, so the pass
        // reads everything before it gives up and the file is staged.
        var dirtyFile = Path.Combine(dir, "order_lines_bad_last_row.csv");
        File.Copy(linesFile, dirtyFile, overwrite: true);
        File.AppendAllText(dirtyFile, "O0,999999,P0,-1,1.00,1.00,0.0\n");
        var (dirty, dirtyCpu) = Ours(dir, files, dirtyFile, quiet: true, badRows: 1);
        Console.WriteLine($"the same file with one bad row at its end (one pass gives up, then staged): {dirty.TotalSeconds:0.00} s ({dirtyCpu:0.0} cpu-s)");
        return 0;
    }

    // The processor time the whole process has spent (DuckDB's threads included): next to the wall time it
    // tells a load that waits on the disk or on one thread from one that keeps every core busy.
    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static (TimeSpan Elapsed, double CpuSeconds) Bare(string dir, string linesFile)
    {
        var path = Path.Combine(dir, "bare.duckdb");
        File.Delete(path);
        File.Delete(path + ".wal");
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        var cpu = CpuSeconds();
        var clock = Stopwatch.StartNew();
        connection.Execute($"create table order_lines as select * from read_csv({SqlExtensions.Literal(linesFile)})");
        connection.Execute("checkpoint");
        return (clock.Elapsed, CpuSeconds() - cpu);
    }

    private static (TimeSpan Elapsed, double CpuSeconds) Ours(string dir, string files, string linesFile, bool quiet, int badRows)
    {
        var path = Path.Combine(dir, "warehouse.duckdb");
        File.Delete(path);
        File.Delete(path + ".wal");
        using var database = WarehouseDatabase.Open(path);
        var loader = new FileLoader(database);
        foreach (var parent in new[] { "accounts.csv", "products.csv", "orders.csv" })
        {
            var report = loader.LoadFile(Path.Combine(files, parent), new LoadOptions());
            if (!quiet)
            {
                Console.WriteLine($"parent {parent}: {report.Counts.Loaded:N0} rows in {report.Elapsed.TotalSeconds:0.00} s");
            }
        }

        var cpu = CpuSeconds();
        var clock = Stopwatch.StartNew();
        var lines = loader.LoadFile(linesFile, new LoadOptions());
        using (var connection = database.Connect())
        {
            connection.Execute("checkpoint");
        }

        var elapsed = clock.Elapsed;
        var cpuSeconds = CpuSeconds() - cpu;
        if (lines.Status != LoadStatus.Loaded || lines.Counts.Rejected != badRows || lines.Counts.Pending > 0)
        {
            throw new InvalidOperationException($"The benchmark file did not load as expected ({badRows} rejects): {lines.Status} {lines.Counts} {lines.Error}");
        }

        return (elapsed, cpuSeconds);
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
