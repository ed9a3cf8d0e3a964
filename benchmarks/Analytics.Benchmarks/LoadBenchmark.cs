using System.Diagnostics;
using System.Globalization;
using Analytics.Ingest;
using Analytics.Warehouse;
using Analytics.Warehouse.Loading;
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
            var bare = Bare(dir, linesFile);
            var ours = Ours(dir, files, linesFile, quiet: round > 1);
            results.Add((bare, ours));
            Console.WriteLine($"round {round}: bare {bare.TotalSeconds:0.00} s, ours {ours.TotalSeconds:0.00} s, ratio {bare / ours:0.00}");
        }

        var median = results.OrderBy(x => x.Bare / x.Ours).ElementAt(results.Count / 2);
        Console.WriteLine();
        Console.WriteLine($"| load of {lines:N0} order lines (median of {rounds} rounds) | seconds | rows/s |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine($"| DuckDB bare `create table as select * from read_csv(...)` | {median.Bare.TotalSeconds:0.00} | {lines / median.Bare.TotalSeconds:N0} |");
        Console.WriteLine($"| analytics load (hash, type, check, merge, ledger) | {median.Ours.TotalSeconds:0.00} | {lines / median.Ours.TotalSeconds:N0} |");
        Console.WriteLine($"| ratio (ours / bare speed) | | {median.Bare / median.Ours:0.00} |");
        Console.WriteLine($"ratios of all rounds: {string.Join(", ", results.Select(x => (x.Bare / x.Ours).ToString("0.00", CultureInfo.InvariantCulture)))}");
        return 0;
    }

    private static TimeSpan Bare(string dir, string linesFile)
    {
        var path = Path.Combine(dir, "bare.duckdb");
        File.Delete(path);
        File.Delete(path + ".wal");
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        var clock = Stopwatch.StartNew();
        connection.Execute($"create table order_lines as select * from read_csv({SqlExtensions.Literal(linesFile)})");
        connection.Execute("checkpoint");
        return clock.Elapsed;
    }

    private static TimeSpan Ours(string dir, string files, string linesFile, bool quiet)
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

        var clock = Stopwatch.StartNew();
        var lines = loader.LoadFile(linesFile, new LoadOptions());
        using (var connection = database.Connect())
        {
            connection.Execute("checkpoint");
        }

        var elapsed = clock.Elapsed;
        if (lines.Status != LoadStatus.Loaded || lines.Counts.Rejected + lines.Counts.Pending > 0)
        {
            throw new InvalidOperationException($"The benchmark file did not load clean: {lines.Status} {lines.Counts} {lines.Error}");
        }

        return elapsed;
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
