using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Analytics.Tests.Support;

namespace Analytics.Tests.Serve;

/// <summary>
/// A load that committed without the mart rebuild after it (the service killed in between, or 'analytics load',
/// which does not refresh): the real service, started on that file, rebuilds the marts before it answers.
/// </summary>
public sealed class StaleMartsRestartTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<string> Run(params string[] args)
    {
        var result = await AnalyticsProcess.RunAsync(_folder.Path, [.. args, "--db", "w.duckdb"]);
        Assert.True(result.ExitCode == 0, $"analytics {args[0]}: {result.Stderr}");
        return result.Stdout.Trim();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const string Counts = "select (select count(*) from marts.orders) || '/' || (select count(*) from core.orders) as s";

    [Fact]
    public async Task A_service_started_on_marts_behind_the_data_rebuilds_them_and_health_says_current()
    {
        _folder.Write("accounts.csv", "account_id,name,region\nA1,甲方,华东\nA2,乙方,华北\n");
        _folder.Write("orders1.csv", "order_id,account_id,order_date,amount\nO1,A1,2025-01-05,100.00\nO2,A2,2025-02-05,200.00\n");
        _folder.Write("orders2.csv", "order_id,account_id,order_date,amount\nO3,A1,2025-03-05,300.00\nO4,A2,2025-04-05,400.00\nO5,A1,2025-05-05,500.00\n");
        await Run("load", "accounts.csv");
        await Run("load", "orders1.csv");
        await Run("refresh");
        await Run("load", "orders2.csv");

        // The state a kill -9 between a load's commit and the rebuild leaves: the marts hold 2 orders, core 5.
        Assert.Equal("s\n2/5", await Run("query", Counts));

        var port = FreePort();
        using var serve = AnalyticsProcess.Start(_folder.Path, "serve", "--urls", $"http://127.0.0.1:{port}", "--db", "w.duckdb",
            "--inbox", _folder.File("inbox"), "--Analytics:DemoOnFirstRun=false", "--Analytics:TrainOnFirstRun=false");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var health = await HealthWhenListening(http, serve);
            Assert.Equal("current", health.GetProperty("marts").GetString());
            Assert.Equal(3, health.GetProperty("dataVersion").GetInt64());
            Assert.Equal(3, health.GetProperty("martsVersion").GetInt64());
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }

        Assert.Equal("s\n5/5", await Run("query", Counts));
    }

    /// <summary>/health once the service listens; the service starts listening only after its start-up work.</summary>
    private static async Task<JsonElement> HealthWhenListening(HttpClient http, System.Diagnostics.Process serve)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            if (serve.HasExited)
            {
                Assert.Fail("the service stopped: " + await serve.StandardError.ReadToEndAsync(timeout.Token));
            }

            try
            {
                return JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative), timeout.Token)).RootElement;
            }
            catch (HttpRequestException)
            {
                // Not listening yet: a bounded wait (the token), not a measured one.
                await Task.Delay(200, timeout.Token);
            }
        }
    }
}
