using System.Net.Http.Headers;
using Analytics.ReportApi;
using Analytics.Warehouse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Access;

/// <summary>The real service (every registration and middleware of serve) in memory, on a given warehouse.</summary>
public sealed class AccessTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AccessTestServer(WebApplication app) => _app = app;

    public static async Task<AccessTestServer> StartAsync(WarehouseDatabase database, string folder)
    {
        ArgumentNullException.ThrowIfNull(database);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{AnalyticsSettings.Section}:WarehousePath"] = database.FilePath,
            [$"{AnalyticsSettings.Section}:InboxPath"] = Path.Combine(folder, "inbox"),
            [$"{AnalyticsSettings.Section}:InboxScanSeconds"] = "3600",
            [$"{AnalyticsSettings.Section}:DemoOnFirstRun"] = "false",
            // The tests write the score runs they need; a start-up training would add one of its own.
            [$"{AnalyticsSettings.Section}:TrainOnFirstRun"] = "false",
            // Nor may the nightly scoring fire while a test runs across 03:00 UTC (Quartz cron with a year field).
            [$"{AnalyticsSettings.Section}:TrainSchedule"] = "0 0 2 1 1 ? 2099",
            [$"{AnalyticsSettings.Section}:ScoreSchedule"] = "0 0 3 1 1 ? 2099",
        });
        builder.AddAnalytics();
        // The test's own instance of the warehouse, which it filled: one DuckDB database per file and process.
        builder.Services.AddSingleton(database);
        var app = builder.Build();
        app.MapAnalytics();
        await app.StartAsync();
        return new AccessTestServer(app);
    }

    /// <summary>A client sending <paramref name="key"/> as a bearer token, or no key at all.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = _app.GetTestClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
