using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Analytics.Tests.Support;

namespace Analytics.Tests.Serve;

/// <summary>The real service process: health, and the scheduler loading what is dropped into the inbox.</summary>
public sealed class ServeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<JsonElement> Health(HttpClient http) =>
        JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative))).RootElement;

    private static async Task<JsonElement> Eventually(Func<Task<JsonElement?>> probe, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task The_service_answers_health_and_loads_files_dropped_into_its_inbox()
    {
        var port = FreePort();
        var inbox = _folder.File("inbox");
        using var serve = AnalyticsProcess.Start(_folder.Path, "serve", "--urls", $"http://127.0.0.1:{port}",
            "--db", "w.duckdb", "--inbox", inbox, "--Analytics:InboxScanSeconds=1", "--Analytics:DemoOnFirstRun=false");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var health = await Eventually(async () => (JsonElement?)await Health(http), TimeSpan.FromSeconds(60));
            Assert.Equal("ok", health.GetProperty("status").GetString());
            var version = health.GetProperty("dataVersion").GetInt64();

            Directory.CreateDirectory(inbox);
            _folder.Write("inbox/accounts.csv", "account_id,name\nA1,甲方\n");
            File.SetLastWriteTimeUtc(_folder.File("inbox/accounts.csv"), DateTime.UtcNow.AddMinutes(-1));

            var loaded = await Eventually(async () =>
            {
                var h = await Health(http);
                return h.GetProperty("dataVersion").GetInt64() > version ? (JsonElement?)h : null;
            }, TimeSpan.FromSeconds(30));
            Assert.Equal(version + 1, loaded.GetProperty("dataVersion").GetInt64());
            Assert.True(File.Exists(Path.Combine(inbox, "done", "accounts.csv")));

            // A load while the service holds the file goes through the service: no second process opens it.
            _folder.Write("more/accounts.csv", "account_id,name\nA2,乙方\n");
            var through = await AnalyticsProcess.RunAsync(_folder.Path, "load", _folder.File("more"), "--db", "w.duckdb");
            Assert.Equal(0, through.ExitCode);
            Assert.Contains("accounts loaded 1 of 1 rows", through.Stdout, StringComparison.Ordinal);
            Assert.Equal(version + 2, (await Health(http)).GetProperty("dataVersion").GetInt64());
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task The_first_run_loads_the_demo_company_and_the_second_reuses_the_warehouse()
    {
        var port = FreePort();
        string[] serve = ["serve", "--urls", $"http://127.0.0.1:{port}", "--Analytics:DemoAccounts=300"];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var firstOutput = new System.Text.StringBuilder();
        using (var first = AnalyticsProcess.Start(_folder.Path, serve))
        {
            first.OutputDataReceived += (_, e) => firstOutput.AppendLine(e.Data);
            first.BeginOutputReadLine();
            try
            {
                // A first start writes, loads, builds, trains and backfills four scoring passes: minutes on a busy machine.
                var health = await Eventually(async () => (JsonElement?)await Health(http), TimeSpan.FromSeconds(360));
                Assert.Equal(6, health.GetProperty("loadedFiles").GetInt64());
                Assert.Equal(6, health.GetProperty("dataVersion").GetInt64());
            }
            finally
            {
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
            }
        }

        var log = firstOutput.ToString();
        Assert.Contains("Empty warehouse: writing the demo company (300 accounts, 3 years)", log, StringComparison.Ordinal);
        Assert.Contains("Now listening on: http://127.0.0.1:" + port, log, StringComparison.Ordinal);
        Assert.Matches(@"Demo: order_lines\.csv: order_lines loaded [\d,]+ of [\d,]+ rows, 0 rejected, 0 waiting", log);
        Assert.True(File.Exists(_folder.File("data/warehouse.duckdb")));
        Assert.True(File.Exists(_folder.File("data/demo/orders.csv")));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var second = AnalyticsProcess.Start(_folder.Path, serve);
        try
        {
            var health = await Eventually(async () => (JsonElement?)await Health(http), TimeSpan.FromSeconds(60));
            Assert.Equal(6, health.GetProperty("loadedFiles").GetInt64());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"second start took {clock.Elapsed}");
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }
}
