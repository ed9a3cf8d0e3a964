using System.Net;

namespace Analytics.Tests.OData;

/// <summary>The page size a client may ask for, within the service's own.</summary>
public sealed class LimitTests(ODataBook book) : IClassFixture<ODataBook>
{
    [Fact]
    public async Task A_client_may_ask_for_smaller_pages_but_not_larger_ones()
    {
        await using var host = new ODataHost(book.Warehouse.Database, pageSize: 4);
        using var small = new HttpRequestMessage(HttpMethod.Get, new Uri("/odata/Orders", UriKind.Relative));
        small.Headers.Add("Prefer", "odata.maxpagesize=1");
        using var large = new HttpRequestMessage(HttpMethod.Get, new Uri("/odata/Orders", UriKind.Relative));
        large.Headers.Add("Prefer", "odata.maxpagesize=100");

        using var smallResponse = await host.Client.SendAsync(small);
        using var largeResponse = await host.Client.SendAsync(large);

        Assert.Equal(1, System.Text.Json.JsonDocument.Parse(await smallResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("value").GetArrayLength());
        Assert.Equal("odata.maxpagesize=1", smallResponse.Headers.GetValues("Preference-Applied").Single());
        Assert.Equal(4, System.Text.Json.JsonDocument.Parse(await largeResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("value").GetArrayLength());
    }
}
