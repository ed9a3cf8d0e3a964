using System.Net;
using Analytics.ReportApi.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Analytics.Tests.Access;

/// <summary>Which proxies the service believes about HTTPS: loopback always, and those Analytics:KnownProxies names.</summary>
public sealed class TlsProxiesTests
{
    private static ForwardedHeadersOptions Options(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        using var provider = new ServiceCollection().AddTlsProxies(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
    }

    [Fact]
    public void Loopback_is_believed_and_a_named_proxy_is_added_to_it()
    {
        var options = Options(("Analytics:KnownProxies:0", "10.0.0.5"), ("Analytics:KnownProxies:1", "fd00::7"));
        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, options.ForwardedHeaders);
        Assert.Equal([IPAddress.IPv6Loopback, IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::7")], options.KnownProxies);

        var none = Options();
        Assert.Equal([IPAddress.IPv6Loopback], none.KnownProxies);
    }

    [Fact]
    public void A_proxy_that_is_no_address_stops_the_start_with_a_sentence()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Options(("Analytics:KnownProxies:0", "proxy.example")));
        Assert.Equal("Analytics:KnownProxies lists 'proxy.example', which is not an IP address.", e.Message);
    }
}
