using System.Net;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Arrow;
using Analytics.ReportApi.Exports;
using Analytics.ReportApi.OData;
using Analytics.Warehouse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.OData;

/// <summary>
/// The OData endpoints in an in-memory server on a test warehouse. A request may carry X-Test-Role and
/// X-Test-Regions ("-" for none): a middleware turns them into the request's AccessScope, as authentication will.
/// </summary>
public sealed class ODataHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    public HttpClient Client { get; }

    public ODataHost(WarehouseDatabase database, int pageSize = 2, Action<ODataLimits>? limits = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<ODataModelProvider>();
        builder.Services.Configure<ODataLimits>(l =>
        {
            l.MaxPageSize = pageSize;
            limits?.Invoke(l);
        });
        _app = builder.Build();
        _app.Use((context, next) =>
        {
            // What the access middleware does in the service: every request carries a scope (none would see nothing);
            // without the test headers, an admin's.
            if (context.Request.Headers["X-Test-Role"].FirstOrDefault() is { } role)
            {
                var regions = context.Request.Headers["X-Test-Regions"].FirstOrDefault();
                context.Features.Set(new AccessScope(role, regions == "-" ? [] : regions?.Split(',', StringSplitOptions.RemoveEmptyEntries)));
            }
            else
            {
                context.Features.Set(AccessScope.Everything);
            }

            return next(context);
        });
        _app.MapOData();
        _app.MapArrow();
        _app.MapExports();
        _app.StartAsync().GetAwaiter().GetResult();
        Client = _app.GetTestClient();
    }

    public async Task<(HttpStatusCode Status, string Body)> Get(string url, (string Role, string? Regions)? scope = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.RelativeOrAbsolute));
        if (scope is { } s)
        {
            request.Headers.Add("X-Test-Role", s.Role);
            if (s.Regions is not null)
            {
                request.Headers.Add("X-Test-Regions", s.Regions);
            }
        }

        using var response = await Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> Json(string url, (string Role, string? Regions)? scope = null)
    {
        var (status, body) = await Get(url, scope);
        Assert.True(status == HttpStatusCode.OK, $"{url} answered {(int)status}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Every row of a collection, following @odata.nextLink page by page.</summary>
    public async Task<List<JsonElement>> All(string url, (string Role, string? Regions)? scope = null)
    {
        var rows = new List<JsonElement>();
        string? next = url;
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < 1000, "too many pages");
            var page = await Json(next, scope);
            rows.AddRange(page.GetProperty("value").EnumerateArray());
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
