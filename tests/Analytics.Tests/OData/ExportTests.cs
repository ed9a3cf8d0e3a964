using System.Net;
using System.Text;
using Analytics.ReportApi.Exports;
using MiniExcelLibs;

namespace Analytics.Tests.OData;

/// <summary>/exports/{set}.csv: the same sets as one CSV file (UTF-8 with a byte order mark), filtered and narrowed by scope like /odata.</summary>
public sealed class ExportTests(ODataBook book) : IClassFixture<ODataBook>
{
    private async Task<(HttpResponseMessage Response, byte[] Body)> Get(string url, (string, string?)? scope = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (scope is { } s)
        {
            request.Headers.Add("X-Test-Role", s.Item1);
            request.Headers.Add("X-Test-Regions", s.Item2);
        }

        var response = await book.Host.Client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private static string Text(byte[] body)
    {
        Assert.Equal(Encoding.UTF8.GetPreamble(), body[..3]);
        return Encoding.UTF8.GetString(body[3..]);
    }

    [Fact]
    public async Task Orders_export_with_exact_amounts_iso_dates_and_empty_nulls_under_the_filter_select_and_order()
    {
        var (response, body) = await Get("/exports/Orders.csv?$filter=NetAmount gt 900&$select=OrderId,NetAmount,OrderDate,Channel&$orderby=OrderId");
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment; filename=\"Orders.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        }

        // Hand-computed in ODataBook: O1 11097.9, O2 5999, O3 949.05, O4 4125.375 (no channel), O5 1234.56.
        Assert.Equal(
            "OrderId,OrderDate,Channel,NetAmount\r\n"
            + "O1,2024-01-15,phone,11097.9\r\n"
            + "O2,2024-02-29,order_form,5999\r\n"
            + "O3,2024-03-01,phone,949.05\r\n"
            + "O4,2025-01-01,,4125.375\r\n"
            + "O5,2023-12-31,schedule,1234.56\r\n",
            Text(body));
    }

    [Fact]
    public async Task Fields_with_commas_and_quotes_are_quoted_and_Chinese_stays_Chinese()
    {
        var (response, body) = await Get("/exports/Accounts.csv?$select=AccountId,Name&$filter=AccountId eq 'A1' or AccountId eq 'A2'&$orderby=AccountId");
        response.Dispose();

        Assert.Equal("AccountId,Name\r\nA1,华东机械有限公司\r\nA2,O'Brien & Co\r\n", Text(body));
    }

    [Fact]
    public async Task The_export_holds_only_the_scopes_rows_with_contacts_masked_and_timestamps_in_utc()
    {
        var (response, body) = await Get("/exports/Tickets.csv?$select=TicketId,Contact,OpenedAt&$orderby=TicketId", ("analyst", "华东"));
        response.Dispose();

        // 10:00 in Shanghai is 02:00 UTC; an analyst sees no contact names.
        Assert.Equal("TicketId,Contact,OpenedAt\r\nT1,,2024-03-04T02:00:00Z\r\nT3,,2024-03-06T01:00:00Z\r\n", Text(body));
    }

    [Fact]
    public async Task Orders_export_as_xlsx_with_typed_cells_and_the_scope_applied()
    {
        var (response, body) = await Get("/exports/Orders.xlsx?$select=OrderId,NetAmount,OrderDate,Channel&$orderby=OrderId", ("analyst", "华东"));
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        }

        using var xlsx = new MemoryStream(body);
        var rows = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        // The East analyst's orders (A1: O1, O2; A3: O4), amounts exact as numbers, days as dates, a null as an empty cell.
        Assert.Equal(
            ["O1 11097.9 2024-01-15 phone", "O2 5999 2024-02-29 order_form", "O4 4125.375 2025-01-01 -"],
            rows.Select(r => $"{r["OrderId"]} {Convert.ToDecimal(r["NetAmount"], System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture)} "
                + $"{((DateTime)r["OrderDate"]!).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} {r["Channel"] ?? "-"}"));
    }

    [Fact]
    public async Task An_empty_xlsx_export_still_names_its_columns()
    {
        var (response, body) = await Get("/exports/Orders.xlsx?$select=OrderId,NetAmount&$filter=NetAmount gt 1000000");
        response.Dispose();

        // The sheet's one row is its header.
        using var xlsx = new MemoryStream(body);
        var only = (IDictionary<string, object?>)Assert.Single(xlsx.Query());
        Assert.Equal(["OrderId", "NetAmount"], only.Values);
    }

    [Fact]
    public void Rows_past_what_a_sheet_holds_stop_the_writing_instead_of_being_left_out()
    {
        using var sheet = new XlsxSheet(Stream.Null, "N", ["N"]);
        object?[] row = [1m];
        for (var i = 0; i < XlsxSheet.MaxRows; i++)
        {
            sheet.Add(row);
        }

        Assert.Throws<XlsxSheet.TooManyRowsException>(() => sheet.Add(row));
    }

    [Fact]
    public async Task A_file_that_is_not_a_sets_csv_is_404_with_a_reason_and_other_options_are_501()
    {
        var (notCsv, notCsvBody) = await Get("/exports/Orders.txt");
        using (notCsv)
        {
            Assert.Equal(HttpStatusCode.NotFound, notCsv.StatusCode);
            Assert.Contains("/exports/Orders.csv", Encoding.UTF8.GetString(notCsvBody), StringComparison.Ordinal);
        }

        var (unknown, _) = await Get("/exports/Nothing.csv");
        using (unknown)
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var (apply, _) = await Get("/exports/Orders.csv?$apply=aggregate(NetAmount with sum as Total)");
        using (apply)
        {
            Assert.Equal(HttpStatusCode.NotImplemented, apply.StatusCode);
        }
    }

    [Theory]
    [InlineData("/exports/.csv", HttpStatusCode.NotFound)]
    [InlineData("/exports/Orders.csv?$top=abc", HttpStatusCode.BadRequest)]
    [InlineData("/exports/Orders.csv?$select=Nope", HttpStatusCode.BadRequest)]
    [InlineData("/exports/Orders.csv?$filter=NetAmount gt 'x'", HttpStatusCode.BadRequest)]
    [InlineData("/exports/Orders.csv?$orderby=OrderId desc&$skip=-1", HttpStatusCode.BadRequest)]
    [InlineData("/exports/Orders(1).csv", HttpStatusCode.BadRequest)]
    [InlineData("/exports/Orders('O1').csv", HttpStatusCode.NotImplemented)]
    public async Task Bad_requests_get_an_OData_error_body_never_a_500(string url, HttpStatusCode expected)
    {
        var (response, body) = await Get(url);
        using (response)
        {
            Assert.Equal(expected, response.StatusCode);
            Assert.Contains("\"error\"", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        }
    }
}
