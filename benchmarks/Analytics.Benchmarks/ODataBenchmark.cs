using System.Diagnostics;
using System.Globalization;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.OData;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Benchmarks;

/// <summary>
/// Dashboard-style OData requests over real HTTP on a book of 10 million order lines, each next to the same
/// question in hand-written SQL on the same DuckDB in the same run (results read in full on both sides); prints
/// the median latencies and their ratio. The book and its marts are built once and reused from --dir.
/// </summary>
internal static class ODataBenchmark
{
    private static readonly (string Name, string OData, string Sql)[] Queries =
    [
        ("net sales by month of 2024",
            "Orders?$apply=filter(OrderDate ge 2024-01-01 and OrderDate lt 2025-01-01)/compute(month(OrderDate) as Month)/groupby((Month),aggregate(NetAmount with sum as Net))&$orderby=Month",
            "select month(order_date) as m, sum(net_amount) from marts.orders where order_date >= date '2024-01-01' and order_date < date '2025-01-01' group by 1 order by 1"),
        ("top 20 accounts by net sales",
            "Orders?$apply=groupby((AccountId),aggregate(NetAmount with sum as Net))&$orderby=Net desc&$top=20",
            "select account_id, sum(net_amount) as net from marts.orders group by 1 order by 2 desc, 1 limit 20"),
        ("top 10 products from the lines",
            "OrderLines?$apply=groupby((ProductId),aggregate(NetAmount with sum as Net,Quantity with sum as Units))&$orderby=Net desc&$top=10",
            "select product_id, sum(net_amount), sum(quantity) from marts.order_lines group by 1 order by 2 desc, 1 limit 10"),
        ("one account's latest 50 orders",
            "Orders?$filter=AccountId eq 'A12'&$orderby=OrderDate desc&$top=50",
            "select * from marts.orders where account_id = 'A12' order by order_date desc, order_id limit 50"),
        ("big orders this year, counted, first 100",
            "Orders?$filter=NetAmount gt 20000 and OrderDate ge 2025-01-01&$count=true&$top=100&$select=OrderId,AccountId,NetAmount",
            "select count(*) over (), order_id, account_id, net_amount from marts.orders where net_amount > 20000 and order_date >= date '2025-01-01' order by order_id limit 100"),
        ("first page of all order lines (5,000 rows)",
            "OrderLines",
            "select * from marts.order_lines order by order_id, line_no limit 5000"),
    ];

    public static int Run(string[] args)
    {
        var accounts = Option(args, "--accounts") is { } a ? long.Parse(a, CultureInfo.InvariantCulture) : 146_000;
        var lines = Option(args, "--lines") is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 10_000_000;
        var runs = Option(args, "--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 7;
        var path = Path.Combine(Option(args, "--dir") ?? Path.GetTempPath(), $"analytics-odata-{accounts}-{lines}.duckdb");
        var reuse = File.Exists(path);
        using var database = WarehouseDatabase.Open(path);
        if (!reuse)
        {
            Build(database, accounts, lines);
        }

        var app = Host(database);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/odata/") };
            using var connection = database.Connect();
            Console.WriteLine($"{(reuse ? "reused" : "built")} {path}: {connection.Scalar<long>("select count(*) from marts.order_lines"):N0} order lines, "
                + $"{connection.Scalar<long>("select count(*) from marts.orders"):N0} orders; median of {runs} runs after one warm-up, {Environment.ProcessorCount} cores");
            Console.WriteLine();
            Console.WriteLine("| query | OData ms | SQL ms | ratio |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            foreach (var (name, odata, sql) in Queries)
            {
                var rows = System.Text.Json.JsonDocument.Parse(http.GetStringAsync(new Uri(odata, UriKind.Relative)).GetAwaiter().GetResult())
                    .RootElement.GetProperty("value").GetArrayLength();
                var expected = connection.Rows(sql, ReadAll).Count;
                if (rows != expected)
                {
                    throw new InvalidOperationException($"{name}: OData answered {rows} rows, the SQL {expected}.");
                }

                var ours = Median(runs, () => http.GetStringAsync(new Uri(odata, UriKind.Relative)).GetAwaiter().GetResult().Length);
                var theirs = Median(runs, () => connection.Rows(sql, ReadAll).Count);
                Console.WriteLine($"| {name} | {ours:0.0} | {theirs:0.0} | {ours / theirs:0.00} |");
            }
        }
        finally
        {
            app.StopAsync().GetAwaiter().GetResult();
            ((IDisposable)app).Dispose();
        }

        return 0;
    }

    private static object?[] ReadAll(System.Data.Common.DbDataReader reader)
    {
        var row = new object?[reader.FieldCount];
        reader.GetValues(row!);
        return row;
    }

    private static double Median(int runs, Func<int> run)
    {
        run();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    internal static WebApplication Host(WarehouseDatabase database)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<ODataModelProvider>();
        var app = builder.Build();
        // The benchmark reads as an admin would: the access middleware's scope, without keys. A request with no
        // scope sees nothing, and timing empty answers would flatter the service.
        app.Use((context, next) =>
        {
            context.Features.Set(AccessScope.Everything);
            return next(context);
        });
        app.MapOData();
        app.StartAsync().GetAwaiter().GetResult();
        return app;
    }

    /// <summary>A skewed book written straight into the core tables (a few accounts buy most), then every mart.</summary>
    private static void Build(WarehouseDatabase database, long accounts, long lines)
    {
        using var connection = database.Connect();
        var clock = Stopwatch.StartNew();
        connection.Execute("""
            insert into core.accounts (account_id, name, region, created_on, batch_id)
            select 'A' || i, '客户' || i || '有限公司', '区域' || i % 7, date '2018-01-01' + (i % 2000)::integer, 0 from range($1) t(i)
            """, accounts);
        connection.Execute("insert into core.products (product_id, name, list_price, unit_cost, batch_id) select 'P' || i, '产品' || i, 500 + i, 400 + i, 0 from range(800) t(i)");
        connection.Execute("""
            insert into core.orders (order_id, account_id, order_date, channel, batch_id)
            select 'O' || j, 'A' || floor($1 * pow((hash(j) % 999983) / 999983.0, 3))::bigint,
                   date '2023-06-01' + (hash(j * 3 + 1) % 1000)::integer, ['phone', 'order_form', 'schedule'][j % 3 + 1], 0
            from range($2) t(j)
            """, accounts, (lines + 1) / 2);
        connection.Execute("""
            insert into core.order_lines (order_id, line_no, product_id, quantity, unit_price, unit_cost, discount, batch_id)
            select 'O' || (i // 2), i % 2 + 1, 'P' || (i * 104729 % 800), i % 9 + 1, 500 + i * 104729 % 800, 400 + i * 104729 % 800, (i % 5) / 40, 0
            from range($1) t(i)
            """, lines);
        connection.Execute("checkpoint");
        Console.WriteLine($"generated {accounts:N0} accounts and {lines:N0} order lines in {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        new MartBuilder(connection).Refresh();
        connection.Execute("checkpoint");
        Console.WriteLine($"built the marts in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
