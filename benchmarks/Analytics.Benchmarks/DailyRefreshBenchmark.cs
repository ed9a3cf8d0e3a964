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
/// (as_of stays) and once on the day after (as_of moves, so every mart that reads it is rebuilt whole).
/// </summary>
internal static class DailyRefreshBenchmark
{
    public static int Run(string[] args)
    {
        var accounts = Option(args, "--accounts") is { } a ? int.Parse(a, CultureInfo.InvariantCulture) : 50_000;
        var dir = Directory.CreateDirectory(Path.Combine(Option(args, "--dir") ?? Path.GetTempPath(), $"analytics-daily-{accounts}")).FullName;
        var company = Path.Combine(dir, "company");
        if (!File.Exists(Path.Combine(company, "tickets.csv")))
        {
            DemoCompany.Write(company, new DemoOptions(new DateOnly(2026, 12, 15)) { Accounts = accounts });
        }

        var basePath = Path.Combine(dir, "base.duckdb");
        Delete(basePath);
        TimeSpan load, full;
        using (var database = WarehouseDatabase.Open(basePath))
        {
            var clock = Stopwatch.StartNew();
            var failed = new FileLoader(database).LoadAll([company], new LoadOptions()).Count(r => r.Status == Ingest.Loading.LoadStatus.Failed);
            load = clock.Elapsed;
            using var connection = database.Connect();
            clock.Restart();
            new MartBuilder(connection).Refresh();
            full = clock.Elapsed;
            connection.Execute("checkpoint");
            Console.WriteLine($"demo company of {accounts:N0} accounts: loaded in {load.TotalSeconds:0.0} s ({failed} files failed), every mart rebuilt in {full.TotalSeconds:0.0} s; {Environment.ProcessorCount} cores");
        }

        Console.WriteLine();
        Console.WriteLine("| daily file | orders | lines | load s | refresh s | load + refresh s | / full refresh | marts whole / by rows / unchanged |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var (scenario, days) in new[] { ("on the last day (as_of stays)", 0), ("on the day after (as_of moves)", 1) })
        {
            var path = Path.Combine(dir, $"daily-{days}.duckdb");
            Delete(path);
            File.Copy(basePath, path);
            using var database = WarehouseDatabase.Open(path);
            using var connection = database.Connect();
            var (orders, lines) = WriteDailyFiles(connection, dir, days);
            var clock = Stopwatch.StartNew();
            var reports = new FileLoader(database).LoadAll([orders, lines], new LoadOptions()).ToList();
            var loaded = clock.Elapsed;
            clock.Restart();
            var refresh = new MartBuilder(connection).RefreshChanged();
            var refreshed = clock.Elapsed;
            var how = refresh.Full ? "full: " + refresh.Reason : string.Join(" / ", Enum.GetValues<MartRebuild>().Select(k => refresh.Timings.Count(t => t.Rebuild == k)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {scenario} | {reports[0].Counts.Loaded:N0} | {reports[^1].Counts.Loaded:N0} | {loaded.TotalSeconds:0.00} | {refreshed.TotalSeconds:0.00} | {(loaded + refreshed).TotalSeconds:0.00} | {(loaded + refreshed) / full:0.000} | {how} |"));
            foreach (var t in refresh.Timings.OrderByDescending(t => t.Elapsed).Take(6))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"|   {t.Mart} ({t.Rebuild}{(t.Rebuild == MartRebuild.Rows ? $", {t.Ids:N0} ids" : "")}) | | | | {t.Elapsed.TotalSeconds:0.00} | | | |"));
            }
        }

        return 0;
    }

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

    private static void Delete(string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
