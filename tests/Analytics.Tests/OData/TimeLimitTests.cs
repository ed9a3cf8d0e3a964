using System.Net;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.OData;

/// <summary>
/// A query that outruns the time limit is stopped: on /odata a 503 QueryTimeout the client can read; in a stream
/// already under way (CSV, Arrow) the transfer fails, so no cut-short file passes for a whole one.
/// </summary>
public sealed class TimeLimitTests(TimeLimitTests.SlowBook book) : IClassFixture<TimeLimitTests.SlowBook>
{
    /// <summary>A warehouse with two million products, served with a time limit of 10 ms.</summary>
    public sealed class SlowBook : IAsyncDisposable
    {
        private readonly TestWarehouse _warehouse = new();

        public ODataHost Host { get; }

        public SlowBook()
        {
            // The marts first (the service needs them), then two million products, which the Products set reads
            // straight from core: a sort or a full export of them takes far longer than the 10 ms allowed here.
            _warehouse.RefreshMarts();
            using (var connection = _warehouse.Connect())
            {
                connection.Execute("""
                    insert into core.products (product_id, name, category, list_price, unit_cost, batch_id)
                    select 'P' || i, 'product ' || (i * 7919 % 2000003), 'c' || (i % 50), i % 1000, null, 0 from range(2000000) t(i)
                    """);
            }

            Host = new ODataHost(_warehouse.Database, pageSize: 100, limits: l => l.RequestTimeoutSeconds = 0.01);
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            _warehouse.Dispose();
        }
    }

    private ODataHost Host => book.Host;

    [Fact]
    public async Task A_page_whose_query_outruns_the_limit_is_a_503_saying_so()
    {
        // Two million groups: a hash table of two million names, hundreds of milliseconds on any machine.
        var (status, body) = await Host.Get("/odata/Products?$apply=groupby((Name),aggregate(ListPrice with sum as Total))&$orderby=Total desc");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("\"code\":\"QueryTimeout\"", body, StringComparison.Ordinal);
        Assert.Contains("The query ran longer than 0.01 s and was stopped", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/exports/Products.csv")]
    [InlineData("/arrow/Products")]
    public async Task A_stream_that_outruns_the_limit_fails_instead_of_ending_short(string url)
    {
        var failed = false;
        try
        {
            using var response = await Host.Client.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                // Stopped before the first row went out: an error the client can read.
                Assert.Contains("QueryTimeout", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                failed = true;
            }
            else
            {
                await response.Content.ReadAsByteArrayAsync();
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            failed = true;
        }

        Assert.True(failed, "Two million rows streamed within 10 ms, or the stream ended short without failing.");
    }
}
