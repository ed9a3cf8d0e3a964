using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Analytics.ReportApi.Access;

/// <summary>
/// Behind a TLS proxy the service sees plain HTTP; the proxy says the request came over HTTPS with
/// X-Forwarded-Proto, so the sign-in cookie is marked Secure. Only proxies on this machine (loopback) and those
/// named in <c>Analytics:KnownProxies</c> are believed: from anyone else the header is just their word.
/// </summary>
internal static class TlsProxies
{
    public const string Setting = "Analytics:KnownProxies";

    public static IServiceCollection AddTlsProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var named = configuration.GetSection(Setting).Get<string[]>() ?? [];
        var addresses = named.Select(text => IPAddress.TryParse(text, out var address) ? address
            : throw new InvalidOperationException($"{Setting} lists '{text}', which is not an IP address.")).ToList();
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults already trust loopback (127.0.0.0/8 and ::1), where a proxy on this machine connects from.
            foreach (var address in addresses)
            {
                options.KnownProxies.Add(address);
            }
        });
    }
}
