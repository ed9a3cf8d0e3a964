using System.Diagnostics;
using System.Globalization;
using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.Benchmarks;

/// <summary>
/// A daily file on the demo company: loads the company and rebuilds every mart (the baseline), then, on a copy of that
/// warehouse each, loads a file of new orders (1% of the company's orders, two lines each) and refreshes the marts
/// after it as the service does (<see cref="MartBuilder.RefreshChanged"/>): once dated on the last day of the data
/// (as_of stays) and once on the day after (as_of moves); each twice: as the running service meets it (every table
/// already read into DuckDB's memory) and on a copy just opened (cold: every first read from the file). --accounts takes a list of sizes; --reuse keeps a size's
/// loaded warehouse and rebuilds its marts only; --check compares each refreshed warehouse's marts with a full rebuild
/// of the same data; --keep-loaded keeps a copy of each warehouse as the daily file left it, before the refresh
/// (loaded-N.duckdb), to profile the refresh's statements on. A last line gives the refresh's time outside its marts
/// (the inputs' fingerprint, the touched ids, the commit). <see cref="Run"/> is also called by the marts benchmark.
/// </summary>
internal static class DailyRefreshBenchmark
{
    public static int Run(string[] args)
    {
        var sizes = (Option(args, "--accounts") ?? "50000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        foreach (var accounts in sizes)
        {
            Measure(accounts, Option(args, "--dir") ?? Path.GetTempPath(), args.Contains("--reuse"), args.Contains("--check"), args.Contains("--keep-loaded"));
        }

        return 0;
    }

    /// <summary>
    /// One size: the baseline, then each daily file, with every mart's time in the full rebuild and in each refresh
    /// (wall and CPU: the cores are shared, so the wall clock also measures the neighbours).
    /// </summary>
    private static void Measure(int accounts, string root, bool reuse, bool check, bool keep)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, $"analytics-daily-{accounts}")).FullName;
        var company = Path.Combine(dir, "company");
        if (!File.Exists(Path.Combine(company, "tickets.csv")))
        {
            DemoCompany.Write(company, new DemoOptions(new DateOnly(2026, 12, 15)) { Accounts = accounts });
        }

        var basePath = Path.Combine(dir, "base.duckdb");
        var loaded = reuse && File.Exists(basePath);
        if (!loaded)
        {
            Delete(basePath);
        }

        (TimeSpan Wall, TimeSpan Cpu) load = default, full;
        IReadOnlyList<MartTiming> fullMarts = [];
        using (var database = WarehouseDatabase.Open(basePath))
        {
            var failed = 0;
            if (!loaded)
            {
                load = MartBenchmark.Timed(() => failed = new FileLoader(database).LoadAll([company], new LoadOptions()).Count(r => r.Status == Ingest.Loading.LoadStatus.Failed));
            }

            using var connection = database.Connect();
            // Both as the service runs them (readers first, every core), the full rebuild and the daily file's refresh alike.
            full = MartBenchmark.Timed(() => fullMarts = new MartBuilder(connection) { ServingReaders = true }.Refresh());
            connection.Execute("checkpoint");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"demo company of {accounts:N0} accounts: {(loaded ? "load reused" : $"loaded in {load.Wall.TotalSeconds:0.0} s ({load.Cpu.TotalSeconds:0.0} CPU s, {failed} files failed)")}, "
                + $"every mart rebuilt in {Seconds(full)}; {Environment.ProcessorCount} cores, load average {MartBenchmark.LoadAverage()}"));
        }

        Console.WriteLine();
        Console.WriteLine($"| {accounts:N0} accounts: daily file | orders | lines | load s (CPU) | refresh s (CPU) | load + refresh s (CPU) | / full, wall (CPU) | marts whole / by rows / unchanged |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        var refreshes = new List<MartRefresh>();
        // The refresh's time outside its marts: the inputs' fingerprint, the touched ids, recording the version, the commit.
        var outside = new List<(TimeSpan Wall, TimeSpan Cpu)>();
        var checks = new List<string>();
        // Each day twice: the service's case first (its DuckDB holds the warehouse in memory when a file arrives), then
        // a copy just opened, whose every first read comes from the file (a service that has just started).
        var runs = new[] { ("on the last day (as_of stays)", 0), ("on the day after (as_of moves)", 1) }
            .SelectMany(d => new[] { (Scenario: d.Item1, Days: d.Item2, Warm: true), (Scenario: d.Item1 + ", cold", Days: d.Item2, Warm: false) });
        foreach (var (scenario, days, warm) in runs)
        {
            var path = Path.Combine(dir, $"daily-{days}.duckdb");
            Delete(path);
            File.Copy(basePath, path);
            Flush(path);
            using var database = WarehouseDatabase.Open(path);
            using var connection = database.Connect();
            if (warm)
            {
                Warm(connection);
            }

            var (orders, lines) = WriteDailyFiles(connection, dir, days);
            List<Ingest.Loading.LoadReport> reports = [];
            var dailyLoad = MartBenchmark.Timed(() => reports = new FileLoader(database).LoadAll([orders, lines], new LoadOptions()).ToList());
            if (keep)
            {
                // The warehouse as the daily file left it, before the refresh: for profiling the refresh's statements.
                connection.Execute("checkpoint");
                File.Copy(path, Path.Combine(dir, $"loaded-{days}.duckdb"), overwrite: true);
            }

            MartRefresh refresh = null!;
            var refreshed = MartBenchmark.Timed(() => refresh = new MartBuilder(connection) { ServingReaders = true }.RefreshChanged());
            if (warm)
            {
                refreshes.Add(refresh);
                outside.Add((refreshed.Wall - refresh.Timings.Aggregate(TimeSpan.Zero, (a, t) => a + t.Elapsed),
                    refreshed.Cpu - refresh.Timings.Aggregate(TimeSpan.Zero, (a, t) => a + t.Cpu)));
            }

            var how = refresh.Full ? "full: " + refresh.Reason : string.Join(" / ", new[] { MartRebuild.Whole, MartRebuild.Rows, MartRebuild.Unchanged }.Select(k => refresh.Timings.Count(t => t.Rebuild == k || (k == MartRebuild.Rows && t.Rebuild == MartRebuild.Months))));
            var sum = (dailyLoad.Wall + refreshed.Wall, dailyLoad.Cpu + refreshed.Cpu);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {scenario} | {reports[0].Counts.Loaded:N0} | {reports[^1].Counts.Loaded:N0} | {Seconds(dailyLoad)} | {Seconds(refreshed)} | {Seconds(sum)} | {sum.Item1 / full.Wall:0.000} ({sum.Item2 / full.Cpu:0.000}) | {how} |"));
            if (check && warm)
            {
                checks.Add($"{scenario}: {string.Join(", ", DifferingRows(connection).DefaultIfEmpty("every mart's rows equal a full rebuild's"))}");
            }

            Delete(path);
        }

        checks.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine($"| {accounts:N0} accounts: mart | full s (CPU) | as_of stays (service): how | s (CPU) | as_of moves (service): how | s (CPU) |");
        Console.WriteLine("| --- | ---: | --- | ---: | --- | ---: |");
        foreach (var mart in fullMarts)
        {
            var cells = refreshes.Select(r => r.Timings.SingleOrDefault(t => t.Mart == mart.Mart) is { } t
                ? $"{How(t)} | {Seconds((t.Elapsed, t.Cpu))}"
                : "| ");
            Console.WriteLine($"| {mart.Mart} | {Seconds((mart.Elapsed, mart.Cpu))} | {string.Join(" | ", cells)} |");
        }

        Console.WriteLine($"| (fingerprint, touched ids, commit) | | {string.Join(" | ", outside.Select(o => $"outside the marts | {Seconds(o)}"))} |");

        Console.WriteLine();
    }

    /// <summary>
    /// The marts as the refresh left them against a full rebuild of the same data, after it: each mart whose rows
    /// differ (EXCEPT ALL, both ways), with how many. Keeps a copy of every mart meanwhile: for the smaller sizes.
    /// </summary>
    private static List<string> DifferingRows(DuckDB.NET.Data.DuckDBConnection connection)
    {
        var marts = MartBuilder.Models().Select(m => m.Name).ToList();
        foreach (var mart in marts)
        {
            connection.Execute($"create temp table refreshed_{mart} as select * from marts.{mart}");
        }

        new MartBuilder(connection).Refresh();
        return [.. marts.Select(m => (Mart: m, Rows: connection.Scalar<long>($"""
                select (select count(*) from (select * from refreshed_{m} except all select * from marts.{m}))
                    + (select count(*) from (select * from marts.{m} except all select * from refreshed_{m}))
                """)))
            .Where(d => d.Rows > 0)
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Mart}: {d.Rows:N0} rows differ from a full rebuild's"))];
    }

    /// <summary>
    /// Puts a copy just opened in the state of the running service's warehouse when a daily file arrives: the last
    /// refresh wrote every mart and the loads wrote the tables they read, so DuckDB's buffer pool holds their blocks
    /// (the whole file fits: 3 GB at 146,000 accounts against a memory limit of 80% of RAM). Reading every column of
    /// every table once loads them; a first read from the file cost about twice a warm one.
    /// </summary>
    private static void Warm(DuckDB.NET.Data.DuckDBConnection connection)
    {
        var tables = connection.Rows("select schema_name || '.' || table_name from duckdb_tables() where not temporary", r => r.GetString(0)).ToList();
        foreach (var table in tables)
        {
            connection.Scalar<decimal?>($"select sum(hash(t))::decimal(38,0) from {table} t");
        }
    }

    private static string How(MartTiming t) => t.Rebuild switch
    {
        MartRebuild.Rows => string.Create(CultureInfo.InvariantCulture, $"rows of {t.Ids:N0} ids"),
        MartRebuild.Months => string.Create(CultureInfo.InvariantCulture, $"rows of {t.Ids:N0} months from as_of's"),
        MartRebuild.Unchanged => "unchanged",
        MartRebuild.View => "view",
        _ => "whole",
    };

    private static string Seconds((TimeSpan Wall, TimeSpan Cpu) time) => MartBenchmark.Seconds(time, "0.00");

    /// <summary>
    /// New orders for the accounts of every hundredth order (by hash, so the same each run), numbered apart from the
    /// demo's, each with two lines, dated <paramref name="days"/> after as_of.
    /// </summary>
    private static (string Orders, string Lines) WriteDailyFiles(DuckDB.NET.Data.DuckDBConnection connection, string dir, int days)
    {
        var orders = Path.Combine(dir, $"orders_daily_{days}.csv");
        var lines = Path.Combine(dir, $"order_lines_daily_{days}.csv");
        connection.Execute($"""
            create temp table daily as
            select 'DAY-' || row_number() over (order by order_id) as order_id, account_id,
                (select as_of_date from marts.as_of) + {days} as order_date
            from core.orders where hash(order_id) % 100 = 0
            """);
        connection.Execute($"""
            copy (select order_id, account_id, order_date, 'phone' as channel, null as contract_id, null as amount,
                order_date as invoice_date, null as due_date, null as paid_date from daily order by order_id)
            to '{orders}' (header)
            """);
        connection.Execute($"""
            copy (select d.order_id, l.line_no, p.product_id, l.line_no as quantity, coalesce(p.list_price, 1000) as unit_price, p.unit_cost, 0 as discount
                from daily d cross join (values (1), (2)) l(line_no)
                join (select product_id, list_price, unit_cost, row_number() over (order by product_id) - 1 as n from core.products) p
                    on p.n = hash(d.order_id, l.line_no) % (select count(*) from core.products)
                order by d.order_id, l.line_no)
            to '{lines}' (header)
            """);
        connection.Execute("drop table daily");
        return (orders, lines);
    }

    /// <summary>
    /// Writes the copy's pages to disk before it is measured: a gigabyte just copied sits dirty in the page cache, and the
    /// first commit's fsync of the write-ahead log then waited for it to be written back (ext4 orders data before the
    /// journal): 1.1 s of wall clock for a commit of 0.007 CPU s, charged to the daily file though a warehouse the
    /// service serves was not copied a second before. The copy stays in the page cache and DuckDB opens it cold, as before.
    /// </summary>
    private static void Flush(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Flush(flushToDisk: true);
    }

    private static void Delete(string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
