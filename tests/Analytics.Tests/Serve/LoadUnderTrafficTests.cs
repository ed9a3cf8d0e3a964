using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Analytics.ReportApi;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Charts;
using Analytics.ReportApi.Inbox;
using Analytics.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Analytics.Tests.Serve;

/// <summary>
/// Twenty clients mixing OData, exports and charts while the inbox job loads files and rebuilds the marts: no answer
/// is an error, every count read is one the ledger committed (never half a file), and at the end the counts reconcile
/// with the ledger. Nothing is timed: the clients read until the loads are done, however long that takes here.
/// </summary>
public sealed class LoadUnderTrafficTests : IDisposable
{
    private const int Files = 6;
    private const int OrdersPerFile = 40;
    private const int Clients = 20;

    // How many answers each client gets after a load before the next: of 3, at most one was asked before the load
    // ended, and of the two asked after it at most one is a chart, so every committed state is read by someone.
    private const int RequestsBetweenLoads = 3;

    // Far more than the loads wait for; a bound so the test always ends.
    private const int MaxRequestsPerClient = 2000;

    // Once a client has had its answers since the last load, it reads on at this pace while the next load and refresh
    // run. Twenty clients asking without pause keep both cores busy, and the service's refresh runs readers first
    // (ReaderFirst, idle priority): it then crawled, the clients used up their requests before the last load was
    // committed, and the last state went unread (seen at load average 8).
    private static readonly TimeSpan PaceWhileLoading = TimeSpan.FromMilliseconds(100);

    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private static string OrdersFile(int file)
    {
        var text = new StringBuilder("order_id,account_id,order_date,amount\n");
        for (var i = 0; i < OrdersPerFile; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"O{file}-{i},A{i % 10},2025-{i % 12 + 1:00}-{i % 28 + 1:00},{100 + i}.50\n");
        }

        return text.ToString();
    }

    [Fact]
    public async Task Clients_reading_while_files_load_and_marts_rebuild_see_only_committed_states_and_no_error()
    {
        var accounts = new StringBuilder("account_id,name,region\n");
        for (var i = 0; i < 10; i++)
        {
            accounts.Append(CultureInfo.InvariantCulture, $"A{i},客户{i},{(i % 2 == 0 ? "华东" : "华北")}\n");
        }

        _warehouse.LoadText("accounts.csv", accounts.ToString());
        _warehouse.LoadText("orders0.csv", OrdersFile(0));
        _warehouse.RefreshMarts();

        // The scheduler does not start: its own scans would race the ones this test runs, one after another, below.
        using var factory = new AnalyticsFactory(_warehouse.Database, services =>
        {
            foreach (var scheduler in services.Where(d => d.ImplementationType == typeof(QuartzHostedService)).ToList())
            {
                services.Remove(scheduler);
            }
        });
        var key = factory.Key(Roles.Admin);
        var committed = Enumerable.Range(1, Files + 1).Select(k => (long)k * OrdersPerFile).ToHashSet();
        var settings = factory.Services.GetRequiredService<IOptions<AnalyticsSettings>>();
        var job = new InboxJob(_warehouse.Database, settings, NullLogger<InboxJob>.Instance);

        var inbox = settings.Value.InboxPath;
        Directory.CreateDirectory(inbox);

        // Answers each client has had; the loads pace themselves on these, not on time.
        var answered = new int[Clients];
        var clientsDone = 0;
        // Each client's answers when the loads last waited for more: beyond RequestsBetweenLoads it reads at a pace.
        var paceFrom = Enumerable.Repeat(RequestsBetweenLoads, Clients).ToArray();
        async Task MoreAnswersFromEveryClient()
        {
            var before = Enumerable.Range(0, Clients).Select(c => Volatile.Read(ref answered[c])).ToArray();
            for (var c = 0; c < Clients; c++)
            {
                Volatile.Write(ref paceFrom[c], before[c] + RequestsBetweenLoads);
            }

            while (Volatile.Read(ref clientsDone) == 0 && Enumerable.Range(0, Clients).Any(c => Volatile.Read(ref answered[c]) < before[c] + RequestsBetweenLoads))
            {
                await Task.Delay(10);
            }
        }

        // The inbox job as the scheduler runs it, one scan per dropped file: load, then rebuild the marts.
        var loading = Task.Run(async () =>
        {
            for (var file = 1; file <= Files; file++)
            {
                await MoreAnswersFromEveryClient();
                var staged = _warehouse.Write($"staged/orders{file}.csv", OrdersFile(file));
                File.SetLastWriteTimeUtc(staged, DateTime.UtcNow.AddMinutes(-5));
                File.Move(staged, Path.Combine(inbox, $"orders{file}.csv"));
                await job.Execute(null!, CancellationToken.None);
            }

            await MoreAnswersFromEveryClient();
        });

        var failures = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<long, bool>();
        var charts = ChartCatalog.All.Select(c => c.Name).ToList();
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            using var http = factory.Client(key);
            for (var n = 0; n < MaxRequestsPerClient && !loading.IsCompleted; n++)
            {
                if (Volatile.Read(ref answered[client]) >= Volatile.Read(ref paceFrom[client]))
                {
                    await Task.Delay(PaceWhileLoading);
                }

                // Each request that counts orders says how it reads the count from its answer; a chart is checked for its status.
                string path;
                Func<string, long>? count;
                switch ((client + n) % 4)
                {
                    case 0:
                        path = "/odata/Orders/$count";
                        count = body => long.Parse(body, CultureInfo.InvariantCulture);
                        break;
                    case 1:
                        path = "/odata/Orders?$count=true&$top=1";
                        count = body => JsonDocument.Parse(body).RootElement.GetProperty("@odata.count").GetInt64();
                        break;
                    case 2:
                        path = "/exports/Orders.csv?$select=OrderId";
                        count = body => body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1L;
                        break;
                    default:
                        path = $"/charts/{charts[(client + n) % charts.Count]}.json";
                        count = null;
                        break;
                }

                using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != 200)
                {
                    failures.Enqueue($"{path}: {(int)response.StatusCode} {body}");
                }
                else if (count is not null)
                {
                    var value = count(body);
                    seen[value] = true;
                    if (!committed.Contains(value))
                    {
                        failures.Enqueue($"{path}: {value} orders, not a committed state");
                    }
                }

                Interlocked.Increment(ref answered[client]);
            }

            Interlocked.Increment(ref clientsDone);
        })).ToList();

        await Task.WhenAll([loading, .. clients]);

        Assert.Empty(failures);
        // Every state the ledger committed was read while the clients ran: the loads did happen under their traffic.
        Assert.Equal(committed.Order(), seen.Keys.Order());
        var ledger = _warehouse.Scalar<long>("select sum(rows_loaded)::bigint from meta.load_batches where status = 'loaded' and entity = 'orders'");
        Assert.Equal((Files + 1) * OrdersPerFile, ledger);
        Assert.Equal(ledger, _warehouse.Scalar<long>("select count(*) from core.orders"));
        using var http = factory.Client(key);
        Assert.Equal(ledger.ToString(CultureInfo.InvariantCulture), await http.GetStringAsync(new Uri("/odata/Orders/$count", UriKind.Relative)));
        using var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative)));
        Assert.Equal("current", health.RootElement.GetProperty("marts").GetString());
        Assert.Empty(Directory.GetFiles(inbox, "*.csv"));
    }
}
