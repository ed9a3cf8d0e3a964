using System.Net;
using System.Text.Json;

namespace Analytics.Tests.OData;

/// <summary>
/// An option the service does not know is refused, never ignored: a mistyped '$fitler' or a 'filter=' without its
/// dollar would otherwise answer every row as if the filter had been applied. A parameter of the client's own
/// (not named like an option) passes.
/// </summary>
public sealed class QueryOptionNameTests(ODataBook book) : IClassFixture<ODataBook>
{
    [Theory]
    [InlineData("/odata/Orders?$foo=1", "$foo", null)]
    [InlineData("/odata/Orders?$fitler=NetAmount gt 1", "$fitler", null)]
    [InlineData("/odata/Orders?filter=NetAmount gt 10000", "filter", "$filter")]
    [InlineData("/odata/Orders?top=1", "top", "$top")]
    [InlineData("/odata/Orders?$filter=NetAmount gt 1&Select=OrderId", "Select", "$select")]
    [InlineData("/arrow/Orders?filter=NetAmount gt 10000", "filter", "$filter")]
    [InlineData("/exports/Orders.csv?orderby=OrderId", "orderby", "$orderby")]
    public async Task An_unknown_or_undollared_option_is_a_400_naming_it(string url, string option, string? suggested)
    {
        var (status, body) = await book.Host.Get(url);

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}: {body}");
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal("UnknownQueryOption", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains($"'{option}'", message, StringComparison.Ordinal);
        if (suggested is not null)
        {
            Assert.Contains($"'{suggested}'", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_clients_own_parameter_passes()
    {
        var rows = await book.Host.All("/odata/Orders?source=excel&$filter=NetAmount gt 10000");

        Assert.Equal(["O1"], rows.Select(r => r.GetProperty("OrderId").GetString()).ToList());
    }

    [Theory]
    [InlineData("/odata/Orders?$filter=NetAmount div 0 ne 1")]
    [InlineData("/odata/Orders?$filter=LineCount div 0 ne 1")]
    [InlineData("/odata/Orders?$filter=LineCount mod 0 ne 1")]
    [InlineData("/odata/Orders?$filter=NetAmount div (LineCount sub LineCount) ne 1")]
    [InlineData("/odata/Orders?$apply=compute(NetAmount div 0 as X)")]
    public async Task Division_by_zero_is_an_error_not_rows(string url)
    {
        var (status, body) = await book.Host.Get(url);

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}: {body}");
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Contains("division by zero", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
