using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Support;

/// <summary>
/// Every route the running app maps, read from its own endpoint data source (so a new endpoint is covered without a
/// new test), with each method it takes and its parameters filled with values no row has.
/// </summary>
public static partial class MappedRequests
{
    public static IEnumerable<(string Method, string Path)> Of(AnalyticsFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var _ = factory.Client();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var path = "/" + Parameter().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), m => Sample(m.Value));
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m != "OPTIONS"))
            {
                yield return (method, path);
            }
        }
    }

    /// <summary>The request, with an empty JSON object as the body of a POST, PUT or PATCH.</summary>
    public static HttpRequestMessage Message(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    // {id:long} -> 999999, {name} -> none, {**rest} -> none: a value that names no row, so a delete deletes nothing.
    private static string Sample(string parameter) =>
        parameter.Contains(":long", StringComparison.Ordinal) || parameter.Contains(":int", StringComparison.Ordinal) ? "999999" : "none";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
