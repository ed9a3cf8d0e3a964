using System.Net;
using Analytics.ReportApi.Access;
using Analytics.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Serve;

/// <summary>An exception no endpoint expected: a logged 500 with a JSON body, never an empty page.</summary>
public sealed class UnexpectedErrorTests : IAsyncLifetime, IDisposable
{
    private readonly TestWarehouse _warehouse = new();
    private AnalyticsFactory _service = null!;

    public Task InitializeAsync()
    {
        // The real service with one broken piece: past every endpoint, where a request no route took ends up, it throws.
        _service = new AnalyticsFactory(_warehouse.Database, services => services.AddSingleton<IStartupFilter>(new FailsAtTheEnd()));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    // xunit disposes after DisposeAsync: the warehouse outlives the service that used it.
    public void Dispose()
    {
        _service.Dispose();
        _warehouse.Dispose();
    }

    [Fact]
    public async Task A_failure_before_the_answer_is_a_500_with_a_JSON_error_that_names_the_request()
    {
        using var response = await _service.Client(_service.Key(Roles.Admin)).GetAsync(new Uri("/fails", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("{\"error\":\"The service failed on this request (InvalidOperationException); its log has the details (request ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("a bug", body, StringComparison.Ordinal);
    }

    private sealed class FailsAtTheEnd : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(_ => throw new InvalidOperationException("a bug"));
        };
    }
}
