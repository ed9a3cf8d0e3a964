using Analytics.ReportApi.Access;
using Analytics.ReportApi.Charts;
using Analytics.ReportApi.Dashboard;
using Analytics.Warehouse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Tests.Dashboard;

/// <summary>
/// The dashboard and charts served by Kestrel on a free loopback port (a browser needs a real socket) over a
/// given warehouse. A request carrying <see cref="RegionsHeader"/> runs in a region-limited manager's scope, as
/// the authentication middleware sets it; without it, in the whole-warehouse scope.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    public const string RegionsHeader = "X-Test-Regions";

    private readonly WebApplication _app;

    private DashboardHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<DashboardHost> StartAsync(WarehouseDatabase database)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<ReportCache>();
        var app = builder.Build();
        app.Use((context, next) =>
        {
            // What the authentication middleware does in the service: every request carries a scope (none would see nothing).
            context.Features.Set(context.Request.Headers.TryGetValue(RegionsHeader, out var regions)
                ? new AccessScope(AccessScope.Manager, Uri.UnescapeDataString(regions.ToString()).Split(','))
                : AccessScope.Everything);

            return next(context);
        });
        app.MapDashboard();
        app.MapCharts();
        await app.StartAsync();
        return new DashboardHost(app, new Uri(app.Urls.First()));
    }

    public HttpClient Client(string? regions = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (regions is not null)
        {
            client.DefaultRequestHeaders.Add(RegionsHeader, Uri.EscapeDataString(regions));
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
