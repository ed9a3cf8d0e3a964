using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.OData;
using Analytics.Tests.Support;
using Analytics.Warehouse;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.OData;

/// <summary>
/// The real service (<see cref="AnalyticsFactory"/>) on a test warehouse, asked for OData. A request runs as an
/// admin unless it names a scope, as a (role, regions) argument or in the X-Test-Role and X-Test-Regions headers
/// ("-" for no region): before it leaves the client, that scope becomes a real key of the role for those regions,
/// and the service's access middleware gives the request its scope from the key, as it does for anyone.
/// </summary>
public sealed class ODataHost : IAsyncDisposable
{
    private const string RoleHeader = "X-Test-Role";
    private const string RegionsHeader = "X-Test-Regions";

    private readonly AnalyticsFactory _service;

    public HttpClient Client { get; }

    public ODataHost(WarehouseDatabase database, int pageSize = 2, Action<ODataLimits>? limits = null)
    {
        _service = new AnalyticsFactory(database, services => services.Configure<ODataLimits>(l =>
        {
            l.MaxPageSize = pageSize;
            limits?.Invoke(l);
        }));
        Client = _service.CreateDefaultClient(new KeyForScope(_service));
    }

    /// <summary>A client that sends no key of its own, and a real key to give it (as Basic, Bearer or nothing).</summary>
    public HttpClient PlainClient() => _service.Client();

    public string Key(string role) => _service.Key(role);

    public async Task<(HttpStatusCode Status, string Body)> Get(string url, (string Role, string? Regions)? scope = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.RelativeOrAbsolute));
        if (scope is { } s)
        {
            request.Headers.Add(RoleHeader, s.Role);
            if (s.Regions is not null)
            {
                request.Headers.Add(RegionsHeader, s.Regions);
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
        await _service.DisposeAsync();
    }

    /// <summary>Swaps a request's test scope headers for the bearer key of that scope (an admin's when there are none).</summary>
    private sealed class KeyForScope(AnalyticsFactory service) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var role = request.Headers.TryGetValues(RoleHeader, out var roles) ? roles.Single() : Roles.Admin;
            IReadOnlyList<string>? regions = !request.Headers.TryGetValues(RegionsHeader, out var values) ? null
                : values.Single() == "-" ? []
                : values.Single().Split(',', StringSplitOptions.RemoveEmptyEntries);
            request.Headers.Remove(RoleHeader);
            request.Headers.Remove(RegionsHeader);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", service.Key(role, regions));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
