using System.Net;
using Analytics.ReportApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Analytics.Tests.Serve;

/// <summary>An exception no endpoint expected: a logged 500 with a JSON body, never an empty page.</summary>
public sealed class UnexpectedErrorTests : IAsyncLifetime
{
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        _app = builder.Build();
        _app.UseMiddleware<UnexpectedErrors>();
        _app.MapGet("/fails", string () => throw new InvalidOperationException("a bug"));
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_failure_before_the_answer_is_a_500_with_a_JSON_error_that_names_the_request()
    {
        using var response = await _app.GetTestClient().GetAsync(new Uri("/fails", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("{\"error\":\"The service failed on this request (InvalidOperationException); its log has the details (request ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("a bug", body, StringComparison.Ordinal);
    }
}
