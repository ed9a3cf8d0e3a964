using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Models.Runs;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Charts;
using Analytics.ReportApi.Dashboard;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Benchmarks;

/// <summary>
/// The dashboard on the demo company (the one `serve` creates on first run): the page, then its eight chart PNGs
/// fetched at once as a browser does, over HTTP from Kestrel. Timed cold (first request of the process), with an
/// empty cache after warm-up (every query and drawing done again), and cached (after warm-up, the managers' case).
/// </summary>
internal static partial class DashboardBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var accounts = Option(args, "--accounts") is { } a ? int.Parse(a, CultureInfo.InvariantCulture) : 2000;
        var runs = Option(args, "--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 20;
        var dir = Path.Combine(Option(args, "--dir") ?? Path.GetTempPath(), $"analytics-dashboard-{accounts}");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        var prepare = Stopwatch.StartNew();
        DemoCompany.Write(Path.Combine(dir, "demo"), new DemoOptions(DateOnly.FromDateTime(DateTime.UtcNow)) { Accounts = accounts });
        using var database = WarehouseDatabase.Open(Path.Combine(dir, "warehouse.duckdb"));
        _ = new FileLoader(database).LoadAll([Path.Combine(dir, "demo")], new LoadOptions()).ToList();
        using (var connection = database.Connect())
        {
            new MartBuilder(connection).Refresh();
        }

        // As serve does on first run: the score-based charts, tiles and tables then have data to draw.
        new TrainingPass(database).Run();
        new ScoringPass(database).Run();

        Console.WriteLine($"demo company of {accounts:N0} accounts generated, loaded, its marts built and models trained and scored in {prepare.Elapsed.TotalSeconds:0.0} s, {Environment.ProcessorCount} cores");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<ReportCache>();
        await using var app = builder.Build();
        // A manager of every region, as the access middleware would scope one; a request without a scope sees
        // nothing, and timing empty pages would flatter the dashboard.
        app.Use((context, next) =>
        {
            context.Features.Set(new AccessScope(AccessScope.Manager, null));
            return next(context);
        });
        app.MapDashboard();
        app.MapCharts();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var cache = app.Services.GetRequiredService<ReportCache>();

        using (var connection = database.Connect())
        {
            // The page must show the warehouse's data, not an empty scope's: the top account is on it.
            var top = connection.Scalar<string>("select name from marts.account_tiers order by value desc, master_account_id limit 1");
            var page = await http.GetStringAsync(new Uri("/?lang=zh", UriKind.Relative));
            if (!page.Contains(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(top), StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The page does not show the top account {top}.");
            }

            cache.Clear();
        }

        var cold = await PageWithCharts(http);
        var uncached = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            cache.Clear();
            uncached.Add(await PageWithCharts(http));
        }

        var cached = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            cached.Add(await PageWithCharts(http));
        }

        Console.WriteLine();
        Console.WriteLine($"| page + {ChartCatalog.All.Count} chart SVGs, demo company | ms |");
        Console.WriteLine("| --- | ---: |");
        Console.WriteLine($"| first request of the process (cold) | {cold:0} |");
        Console.WriteLine($"| after warm-up, empty cache (median of 5) | {Median(uncached):0} |");
        Console.WriteLine($"| after warm-up, cached (median of {runs}; slowest {cached.Max():0}) | {Median(cached):0} |");
        await app.StopAsync();
        return 0;
    }

    /// <summary>Milliseconds to get the page and then all its charts (SVG) concurrently.</summary>
    private static async Task<double> PageWithCharts(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        var page = await http.GetStringAsync(new Uri("/?lang=zh", UriKind.Relative));
        var sources = ChartSource().Matches(page).Select(m => m.Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal)).ToList();
        if (sources.Count != ChartCatalog.All.Count)
        {
            throw new InvalidOperationException($"The page shows {sources.Count} charts, not {ChartCatalog.All.Count}.");
        }

        var images = await Task.WhenAll(sources.Select(s => http.GetByteArrayAsync(new Uri(s, UriKind.Relative))));
        if (images.Any(i => i.Length < 1000))
        {
            throw new InvalidOperationException("A chart came back empty.");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    /// <summary>The page embeds each chart's SVG in an &lt;object&gt; (so its links can be clicked).</summary>
    [GeneratedRegex("<object [^>]*data=\"([^\"]+)\"")]
    private static partial Regex ChartSource();
}
