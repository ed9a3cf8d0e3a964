using System.Diagnostics;
using System.Globalization;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.Benchmarks;

/// <summary>
/// Rebuilds every mart on a generated book (accounts, 4 lines an order over three years, 1% of accounts a
/// second spelling of the one before) written straight into the core tables, and prints each mart's time.
/// </summary>
internal static class MartBenchmark
{
    public static int Run(string[] args)
    {
        var accounts = Option(args, "--accounts") is { } a ? long.Parse(a, CultureInfo.InvariantCulture) : 200_000;
        var lines = Option(args, "--lines") is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 10_000_000;
        var path = Path.Combine(Option(args, "--dir") ?? Path.GetTempPath(), $"analytics-marts-{accounts}-{lines}.duckdb");
        File.Delete(path);
        File.Delete(path + ".wal");
        using var database = WarehouseDatabase.Open(path);
        using var connection = database.Connect();

        var generate = Stopwatch.StartNew();
        connection.Execute("""
            insert into core.accounts (account_id, name, tax_id, industry, region, created_on, batch_id)
            select 'A' || i,
                case when i % 100 = 99 then '客户' || (i - 1) || '有限责任公司' else '客户' || i || '有限公司' end,
                case when i % 100 <> 99 then '9131' || lpad(i::varchar, 14, '0') end,
                '行业' || i % 10, '区域' || i % 7, date '2015-01-01' + (i % 3000)::integer, 0
            from range($1) t(i)
            """, accounts);
        connection.Execute("""
            insert into core.products (product_id, name, list_price, unit_cost, batch_id)
            select 'P' || i, '产品' || i, 1000 + i, 900 + i, 0 from range(1000) t(i)
            """);
        // Accounts drawn with a skew (u cubed), so a few buy most, as key-account books do.
        connection.Execute("""
            insert into core.orders (order_id, account_id, order_date, batch_id)
            select 'O' || j, 'A' || floor($1 * pow((hash(j) % 1000003) / 1000003.0, 3))::bigint,
                date '2023-01-01' + (hash(j * 7 + 1) % 1095)::integer, 0
            from range($2) t(j)
            """, accounts, (lines + 3) / 4);
        connection.Execute("""
            insert into core.order_lines (order_id, line_no, product_id, quantity, unit_price, unit_cost, discount, batch_id)
            select 'O' || (i // 4), i % 4 + 1, 'P' || (i * 7919 % 1000), i % 12 + 1, 1000 + i * 7919 % 1000, 900 + i * 7919 % 1000, (i % 4) / 20, 0
            from range($1) t(i)
            """, lines);
        connection.Execute("checkpoint");
        Console.WriteLine($"generated {accounts:N0} accounts and {lines:N0} order lines in {generate.Elapsed.TotalSeconds:0.0} s, {Environment.ProcessorCount} cores");

        // CPU time beside wall time: on a shared machine the wall clock also measures the neighbours.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var timings = new MartBuilder(connection).Refresh();
        var total = clock.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        Console.WriteLine();
        Console.WriteLine("| mart | rows | seconds |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var t in timings)
        {
            Console.WriteLine($"| {t.Mart} | {t.Rows:N0} | {t.Elapsed.TotalSeconds:0.00} |");
        }

        Console.WriteLine($"| all marts, in one transaction | | {total.TotalSeconds:0.00} (CPU {cpu.TotalSeconds:0.00}) |");
        return 0;
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
