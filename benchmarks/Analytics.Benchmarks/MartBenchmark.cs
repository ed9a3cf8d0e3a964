using System.Diagnostics;
using System.Globalization;
using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.Benchmarks;

/// <summary>
/// The demo company (the generator `serve` uses) at one or more sizes, loaded through the real loader as the service
/// loads it, then every mart rebuilt twice: right after the load by the same process, as the service does, and on the
/// warehouse opened afresh, as 'analytics refresh' does: load time against each full refresh's, each mart's time and
/// rows. The generated files stay in --dir and are reused; --reuse also keeps the loaded warehouse and skips the load.
/// --readers times OData requests idle and while a refresh runs (<see cref="ReadersDuringRefresh"/>). After each size's
/// full refresh, the daily file at that size (<see cref="DailyRefreshBenchmark"/>: load + incremental refresh against a
/// full one) unless --no-daily.
/// </summary>
internal static class MartBenchmark
{
    // A fixed day, so the files in --dir stay the same company from one day's run to the next.
    private static readonly DateOnly Today = new(2026, 12, 1);

    public static int Run(string[] args)
    {
        var sizes = (Option(args, "--accounts") ?? "50000,146000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var dir = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "analytics-marts");
        var reuse = args.Contains("--reuse");
        var results = new List<SizeResult>();
        foreach (var accounts in sizes)
        {
            results.Add(Measure(dir, accounts, reuse, args.Contains("--readers"), Option(args, "--dump"), Option(args, "--explain")));
            if (!args.Contains("--no-daily"))
            {
                DailyRefreshBenchmark.Run(["--accounts", accounts.ToString(CultureInfo.InvariantCulture), "--dir", dir]);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Wall time and, beside it, the process's CPU time: the {Environment.ProcessorCount} cores are shared with other work, "
            + $"so the wall clock also measures the neighbours (load average at the end {LoadAverage()}).");
        Console.WriteLine();
        Console.WriteLine("| demo company | order lines | tickets | load s (CPU s) | full refresh right after the load, as the service runs it, s (CPU s) | refresh / load | full refresh, warehouse opened afresh, s (CPU s) | refresh / load |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var load = r.Load is { } l ? Seconds(l) : "reused";
            var afterLoad = r.AfterLoad is { } a ? Seconds(a.Time) : "";
            Console.WriteLine($"| {r.Accounts:N0} accounts | {r.OrderLines:N0} | {r.Tickets:N0} | {load} | {afterLoad} | {Ratio(r.AfterLoad, r.Load)} | {Seconds(r.Afresh.Time)} | {Ratio(r.Afresh, r.Load)} |");
        }

        Console.WriteLine();
        Console.WriteLine("| mart | " + string.Join(" | ", results.Select(r => $"rows at {r.Accounts:N0} | after the load s | CPU s | opened afresh s | CPU s")) + " |");
        Console.WriteLine("| --- |" + string.Concat(results.Select(_ => " ---: | ---: | ---: | ---: | ---: |")));
        foreach (var (mart, i) in results[0].Afresh.Marts.Select((m, i) => (m.Mart, i)))
        {
            Console.WriteLine($"| {mart} | " + string.Join(" | ", results.Select(r => $"{r.Afresh.Marts[i].Rows:N0} | {MartCells(r.AfterLoad, i)} | {MartCells(r.Afresh, i)}")) + " |");
        }

        Console.WriteLine("| commit (the WAL written to the file) | " + string.Join(" | ", results.Select(r => $" | {r.AfterLoad?.Commit.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} | | {r.Afresh.Commit.TotalSeconds:0.00} | ")) + " |");
        return 0;
    }

    private static SizeResult Measure(string dir, int accounts, bool reuse, bool readers, string? dump, string? explain)
    {
        var files = Path.Combine(dir, $"demo-{accounts}");
        if (!File.Exists(Path.Combine(files, "written")))
        {
            var demo = DemoCompany.Write(files, new DemoOptions(Today) { Accounts = accounts });
            File.WriteAllText(Path.Combine(files, "written"), $"{demo.Start:yyyy-MM-dd} to {demo.End:yyyy-MM-dd}\n");
            Console.WriteLine($"demo company of {accounts:N0} accounts written to {files} in {demo.Elapsed.TotalSeconds:0.0} s");
        }

        var path = Path.Combine(dir, $"warehouse-{accounts}.duckdb");
        (TimeSpan Wall, TimeSpan Cpu)? load = null;
        Refreshed? afterLoad = null;
        if (!reuse || !File.Exists(path))
        {
            File.Delete(path);
            File.Delete(path + ".wal");
            WarehouseDatabase? loaded = null;
            try
            {
                load = Timed(() =>
                {
                    loaded = WarehouseDatabase.Open(path);
                    foreach (var report in new FileLoader(loaded).LoadAll([files], new LoadOptions()))
                    {
                        Console.WriteLine($"  {report.Summary()}");
                    }
                });
                Console.WriteLine($"{accounts:N0} accounts loaded in {load.Value.Wall.TotalSeconds:0.0} s ({load.Value.Cpu.TotalSeconds:0.0} CPU s)");

                // As the service does after loading (the demo company on an empty warehouse, a file from its inbox that
                // changes every mart): the same process rebuilds on the database the load has just used, readers first.
                using var loadedConnection = loaded!.Connect();
                afterLoad = FullRefresh(new MartBuilder(loadedConnection) { ServingReaders = true });
                Console.WriteLine($"{accounts:N0} accounts: full refresh right after the load, as the service runs it, in {afterLoad.Time.Wall.TotalSeconds:0.0} s ({afterLoad.Time.Cpu.TotalSeconds:0.0} CPU s)");
            }
            finally
            {
                loaded?.Dispose();
            }
        }

        // As 'analytics refresh' does after 'analytics load' (which never rebuilds), or a service started on a warehouse
        // loaded by the command line: the warehouse just opened, every table's first read from the file, on every core.
        using var database = WarehouseDatabase.Open(path);
        using var connection = database.Connect();
        var afresh = FullRefresh(new MartBuilder(connection));
        Console.WriteLine($"{accounts:N0} accounts: full refresh on the warehouse opened afresh in {afresh.Time.Wall.TotalSeconds:0.0} s ({afresh.Time.Cpu.TotalSeconds:0.0} CPU s)");
        if (dump is not null)
        {
            DumpMarts(connection, Path.Combine(dump, accounts.ToString(CultureInfo.InvariantCulture)));
        }

        if (explain is not null)
        {
            Explain(connection, explain.Split(','));
        }

        if (readers)
        {
            ReadersDuringRefresh.Run(database);
        }

        return new SizeResult(accounts, connection.Scalar<long>("select count(*) from core.order_lines"), connection.Scalar<long>("select count(*) from core.tickets"),
            load, afterLoad, afresh);
    }

    private static Refreshed FullRefresh(MartBuilder builder)
    {
        IReadOnlyList<MartTiming> timings = [];
        var time = Timed(() => timings = builder.Refresh());
        return new Refreshed(time, timings, time.Wall - TimeSpan.FromTicks(timings.Sum(t => t.Elapsed.Ticks)));
    }

    /// <summary>
    /// Where the named models' time goes, operator by operator, as the refresh meets them: inside one transaction
    /// that rebuilds the marts before them, rolled back at the end.
    /// </summary>
    private static void Explain(DuckDB.NET.Data.DuckDBConnection connection, string[] names)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var model in MartBuilder.Models())
        {
            if (names.Contains(model.Name))
            {
                var plan = connection.Rows($"explain (analyze, format json) {model.Sql}", r => r.GetString(1)).Single();
                Console.WriteLine($"explain analyze {model.Name}: the operators that took 2% of its time or more");
                PrintOperators(System.Text.Json.JsonDocument.Parse(plan).RootElement, 0);
            }

            new MartBuilder(connection).Build(model);
        }

        transaction.Rollback();
    }

    /// <summary>The plan's operators as an indented tree, with the time and rows of each that took 10 ms or more.</summary>
    private static void PrintOperators(System.Text.Json.JsonElement node, int depth)
    {
        if (node.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            foreach (var child in node.EnumerateArray())
            {
                PrintOperators(child, depth);
            }

            return;
        }

        if (node.TryGetProperty("latency", out var latency))
        {
            Console.WriteLine($"  total {latency.GetDouble():0.00} s");
        }

        var seconds = node.TryGetProperty("operator_timing", out var t) ? t.GetDouble() : 0;
        if (seconds >= 0.01)
        {
            var rows = node.TryGetProperty("operator_cardinality", out var c) ? c.GetInt64() : 0;
            var info = node.TryGetProperty("extra_info", out var e) ? e.ToString().ReplaceLineEndings(" ") : "";
            Console.WriteLine($"  {new string(' ', depth * 2)}{node.GetProperty("operator_name").GetString()} {seconds:0.000} s, {rows:N0} rows {info[..Math.Min(info.Length, 240)]}");
        }

        if (node.TryGetProperty("children", out var children))
        {
            PrintOperators(children, depth + 1);
        }
    }

    /// <summary>Every mart as CSV, its rows sorted by all columns: two builds that agree give byte-identical files.</summary>
    private static void DumpMarts(DuckDB.NET.Data.DuckDBConnection connection, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var model in MartBuilder.Models())
        {
            connection.Execute($"copy (select * from marts.{model.Name} order by all) to {SqlExtensions.Literal(Path.Combine(folder, model.Name + ".csv"))} (header)");
        }

        Console.WriteLine($"every mart written to {folder}");
    }

    internal static (TimeSpan Wall, TimeSpan Cpu) Timed(Action action)
    {
        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        action();
        return (clock.Elapsed, CpuTime() - cpu);
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>"wall (CPU)" in seconds, to <paramref name="format"/>.</summary>
    internal static string Seconds((TimeSpan Wall, TimeSpan Cpu) time, string format = "0.0") =>
        $"{time.Wall.TotalSeconds.ToString(format, CultureInfo.InvariantCulture)} ({time.Cpu.TotalSeconds.ToString(format, CultureInfo.InvariantCulture)})";

    private static string Ratio(Refreshed? refresh, (TimeSpan Wall, TimeSpan Cpu)? load) =>
        refresh is { } r && load is { } l ? (r.Time.Wall / l.Wall).ToString("0.00", CultureInfo.InvariantCulture) : "";

    private static string MartCells(Refreshed? refresh, int i) =>
        refresh is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r.Marts[i].Elapsed.TotalSeconds:0.00} | {r.Marts[i].Cpu.TotalSeconds:0.00}") : " | ";

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    /// <summary>One full refresh: its time, each mart's, and the time outside the marts (the swap's commit).</summary>
    private sealed record Refreshed((TimeSpan Wall, TimeSpan Cpu) Time, IReadOnlyList<MartTiming> Marts, TimeSpan Commit);

    /// <summary>One size's figures: the refresh right after the load when this run loaded, and on the warehouse opened afresh.</summary>
    private sealed record SizeResult(int Accounts, long OrderLines, long Tickets, (TimeSpan Wall, TimeSpan Cpu)? Load, Refreshed? AfterLoad, Refreshed Afresh);
}
