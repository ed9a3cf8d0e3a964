using System.Diagnostics;
using System.Globalization;
using Analytics.Models.Actions;
using Analytics.Models.Runs;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Accounts;
using Analytics.ReportApi.Charts;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;
using Analytics.Warehouse.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Benchmarks;

/// <summary>
/// The account page (HTML and its two chart PNGs, over HTTP from Kestrel) on the models benchmark's demo warehouse
/// (100,000 accounts by default; a copy, as opening it migrates it and scoring writes next actions): cold (first
/// request of the process), after warm-up with an empty cache, and cached, next to the same figures read by
/// hand-written SQL with no page, scope or chart. Also the what-if API, cold and warm.
/// </summary>
internal static class AccountBenchmark
{
    /// <summary>The reports the account page runs for one company (src/ReportApi/Accounts/AccountQueries.cs), in its order.</summary>
    private static readonly string[] PageReports =
    [
        "account_master", "account_profile", "account_standing_history", "account_months", "account_orders", "account_service",
        "account_contracts", "account_payments", "account_scores", "account_campaigns", "account_actions", "account_group",
    ];

    /// <summary>A manager of every region, as the page is timed for.</summary>
    private static readonly AccessScope Scope = new(AccessScope.Manager, null);

    public static async Task<int> RunAsync(string[] args)
    {
        var accounts = Option(args, "--accounts") is { } a ? int.Parse(a, CultureInfo.InvariantCulture) : 100_000;
        // The models benchmark's warehouse (under --source, default the temp folder) is read; its copy goes under --dir.
        var source = ModelBenchmark.DemoWarehouse(accounts, Option(args, "--source"));
        var dir = Option(args, "--dir") ?? Path.GetTempPath();
        var copy = Path.Combine(dir, $"analytics-account-{accounts}", "warehouse.duckdb");
        // --reuse: a copy scored by an earlier run (scoring 100,000 accounts on a busy machine takes long) is timed again as it is.
        var reuse = args.Contains("--reuse") && File.Exists(copy);
        if (!reuse)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(source, copy, overwrite: true);
            // Changes the source's last writer has not checkpointed live in its write-ahead log: a copy without it misses them.
            var log = copy + ".wal";
            if (File.Exists(source + ".wal"))
            {
                File.Copy(source + ".wal", log, overwrite: true);
            }
            else
            {
                File.Delete(log);
            }
        }

        using var database = WarehouseDatabase.Open(copy);
        using (var connection = database.Connect())
        {
            // As the service does at start: a warehouse an older release built lacks the marts added since (the page
            // then answers 503), or has them with old columns. Untimed; a no-op when they are current.
            var marts = Stopwatch.StartNew();
            var refresh = new MartBuilder(connection).RefreshChanged();
            Console.WriteLine($"marts: {refresh.Reason} ({marts.Elapsed.TotalSeconds:0.0} s)");
        }

        if (!reuse)
        {
            var prepare = Stopwatch.StartNew();
            using (var connection = database.Connect())
            {
                if (new ModelRunRows(connection).Serving("churn") is null)
                {
                    new TrainingPass(database).Run();
                }
            }

            var score = Stopwatch.StartNew();
            new ScoringPass(database).Run();
            Console.WriteLine($"{accounts:N0} demo accounts copied and scored (with next actions) in {score.Elapsed.TotalSeconds:0.0} s of {prepare.Elapsed.TotalSeconds:0.0} s set-up, {Environment.ProcessorCount} cores");
        }

        var run = Scalar(database, "select max(score_run_id) from models.score_runs where score_run_id >= $1", 0);
        var sample = Sample(database);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<ReportCache>();
        builder.Services.AddSingleton<WhatIf>();
        await using var app = builder.Build();
        app.Use((context, next) =>
        {
            context.Features.Set(Scope);
            return next(context);
        });
        app.MapAccounts();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var cache = app.Services.GetRequiredService<ReportCache>();

        var cold = await Page(http, sample[0].Id);
        var uncached = new List<double>();
        var uncachedCpu = Environment.CpuUsage.TotalTime;
        foreach (var (id, _) in sample.Skip(1))
        {
            cache.Clear();
            uncached.Add(await Page(http, id));
        }

        uncachedCpu = CpuSince(uncachedCpu) / uncached.Count;

        // Each page once into the cache first: the loop above emptied it before every page, so without this the
        // first round of "cached" requests would rebuild their pages.
        foreach (var (id, _) in sample.Skip(1))
        {
            await Page(http, id);
        }

        var cached = new List<double>();
        var cachedCpu = Environment.CpuUsage.TotalTime;
        foreach (var (id, _) in sample.Skip(1).Concat(sample.Skip(1)))
        {
            cached.Add(await Page(http, id));
        }

        cachedCpu = CpuSince(cachedCpu) / cached.Count;

        var handCold = HandWritten(database, sample[0].Id);
        var handCpu = Environment.CpuUsage.TotalTime;
        var hand = sample.Skip(1).Select(s => HandWritten(database, s.Id)).ToList();
        handCpu = CpuSince(handCpu) / hand.Count;
        var whatIf = new List<double>();
        foreach (var (id, feature) in sample)
        {
            whatIf.Add(await WhatIfAsync(http, id, feature));
        }

        Console.WriteLine();
        Console.WriteLine($"| account page (HTML + 2 chart SVGs), {accounts:N0} accounts, {sample.Count - 1} companies with actions | ms | CPU ms (mean) |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine($"| first request of the process (cold) | {cold:0} | |");
        Console.WriteLine($"| after warm-up, empty cache (median; slowest {uncached.Max():0}) | {Median(uncached):0} | {uncachedCpu.TotalMilliseconds:0} |");
        Console.WriteLine($"| after warm-up, cached (median; slowest {cached.Max():0}) | {Median(cached):0} | {cachedCpu.TotalMilliseconds:0} |");
        Console.WriteLine($"| the same figures by hand-written SQL, first (cold) | {handCold:0} | |");
        Console.WriteLine($"| the same figures by hand-written SQL (median; slowest {hand.Max():0}) | {Median(hand):0} | {handCpu.TotalMilliseconds:0} |");
        Console.WriteLine($"| POST what-if: first (loads the model) / median of the rest | {whatIf[0]:0} / {Median(whatIf.Skip(1).ToList()):0} | |");
        Console.WriteLine();
        Console.WriteLine("| the page's statements, each alone (median over the companies, ms) | ms |");
        Console.WriteLine("| --- | ---: |");
        foreach (var (report, ms) in Statements(database, sample.Skip(1).Select(s => s.Id).ToList()))
        {
            Console.WriteLine($"| `{report}` | {ms:0.0} |");
        }

        if (Option(args, "--explain") is { } plans)
        {
            // The plans with each operator's time, for the first company: where a slow statement spends it.
            using var connection = database.Connect();
            File.WriteAllLines(plans, PageReports.SelectMany(report => connection
                .Rows("explain analyze " + ReportQueries.Sql(report, Scope.AccountFilter), r => r.GetString(1), sample[0].Id)
                .Prepend($"-- {report}")));
            Console.WriteLine($"plans: {plans}");
        }

        Console.WriteLine($"score run {run}: {Scalar(database, "select count(*) from models.next_actions where score_run_id = $1", run):N0} next actions for {Scalar(database, "select count(distinct account_id) from models.next_actions where score_run_id = $1", run):N0} companies");
        await app.StopAsync();
        return 0;
    }

    /// <summary>Eleven companies with next actions, spread over the book (the first is timed cold), with a feature to change.</summary>
    private static List<(string Id, string Feature)> Sample(WarehouseDatabase database)
    {
        using var connection = database.Connect();
        return connection.Rows("""
            with ranked as (
                select account_id, feature, row_number() over (order by hash(account_id)) as n
                from models.next_actions where rank = 1 and score_run_id = (select max(score_run_id) from models.score_runs)
            )
            select account_id, feature from ranked where n <= 11 order by n
            """, r => (r.GetString(0), r.GetString(1)));
    }

    private static async Task<double> Page(HttpClient http, string id)
    {
        var clock = Stopwatch.StartNew();
        var page = await http.GetStringAsync(new Uri($"/accounts/{Uri.EscapeDataString(id)}?lang=zh", UriKind.Relative));
        var charts = await Task.WhenAll(AccountCharts.Names.Select(n => http.GetByteArrayAsync(new Uri($"/accounts/{Uri.EscapeDataString(id)}/charts/{n}.svg?lang=zh", UriKind.Relative))));
        if (!page.Contains("id=\"actions\"", StringComparison.Ordinal) || charts.Any(c => c.Length < 1000))
        {
            throw new InvalidOperationException($"The page of {id} lacks its actions or a chart.");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> WhatIfAsync(HttpClient http, string id, string feature)
    {
        var clock = Stopwatch.StartNew();
        using var body = new StringContent($$$"""{"changes":{"{{{feature}}}":0}}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"/api/accounts/{Uri.EscapeDataString(id)}/whatif", UriKind.Relative), body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"what-if of {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// The page's figures as one would read them by hand: the same tables, the company's accounts by a literal list,
    /// no scope predicate, no page or charts drawn. Milliseconds for all the statements.
    /// </summary>
    private static double HandWritten(WarehouseDatabase database, string master)
    {
        using var connection = database.Connect();
        var clock = Stopwatch.StartNew();
        var ids = connection.Rows("select account_id from marts.account_merge_map where master_account_id = $1", r => r.GetString(0), master);
        var list = string.Join(",", ids.Select(SqlExtensions.Literal));
        string[] statements =
        [
            $"select a.*, s.tier, s.level, s.lifecycle_stage, s.rfm_segment from core.accounts a join marts.account_segments s using (account_id) where a.account_id = {SqlExtensions.Literal(master)}",
            $"select * from marts.account_segment_history where master_account_id = {SqlExtensions.Literal(master)} order by month desc limit 12",
            $"select date_trunc('month', order_date) as month, sum(net_amount), count(*), sum(net_amount - cost_amount) / sum(net_amount) from marts.orders where account_id in ({list}) and order_date > (select as_of_date - interval 24 month from marts.as_of) group by 1",
            $"select * from marts.orders where account_id in ({list}) order by order_date desc limit 10",
            $"select count(*), count(*) filter (where kind = 'complaint'), avg(satisfaction) from core.tickets where account_id in ({list}) and opened_at > (select as_of_date - interval 12 month from marts.as_of)",
            $"select count(*) filter (where not s.response_met or not s.onsite_met) from marts.ticket_sla s join core.tickets t using (ticket_id) where t.account_id in ({list})",
            $"select sum(visits_owed), sum(visits_done) from marts.maintenance_visits where account_id in ({list}) and is_month_over",
            $"select k.*, s.status, s.renewals, s.cancel_by, s.next_event, s.next_event_on from core.contracts k left join marts.contract_status s using (contract_id) where k.account_id in ({list})",
            $"select * from marts.contract_month_margin where account_id in ({list})",
            $"select * from marts.account_payments where account_id in ({list})",
            $"select * from models.account_scores where account_id = {SqlExtensions.Literal(master)} and score_run_id >= (select max(score_run_id) - 1 from models.score_runs)",
            $"select * from campaigns.campaign_members where account_id in ({list})",
            $"select * from models.next_actions where account_id = {SqlExtensions.Literal(master)} and score_run_id = (select max(score_run_id) from models.score_runs)",
        ];
        foreach (var sql in statements)
        {
            _ = connection.Rows(sql, r => r.FieldCount);
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Each of the page's statements run alone for every company, warm (after one round untimed): median ms.</summary>
    private static List<(string Report, double Ms)> Statements(WarehouseDatabase database, List<string> companies)
    {
        using var connection = database.Connect();
        double Time(string report, string id)
        {
            var clock = Stopwatch.StartNew();
            _ = ReportQueries.RunForAccount(connection, report, id, Scope.AccountFilter, r => r.FieldCount);
            return clock.Elapsed.TotalMilliseconds;
        }

        foreach (var report in PageReports)
        {
            _ = Time(report, companies[0]);
        }

        return [.. PageReports.Select(report => (report, Median([.. companies.Select(id => Time(report, id))])))];
    }

    /// <summary>The process's CPU time since <paramref name="start"/>: the machine is shared, so wall time alone says little.</summary>
    private static TimeSpan CpuSince(TimeSpan start) => Environment.CpuUsage.TotalTime - start;

    private static long Scalar(WarehouseDatabase database, string sql, long run)
    {
        using var connection = database.Connect();
        return connection.Scalar<long>(sql, run);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
