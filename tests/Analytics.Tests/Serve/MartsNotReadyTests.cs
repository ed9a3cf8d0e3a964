using System.Net;
using Analytics.ReportApi.Charts;
using Analytics.Tests.Security;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Serve;

/// <summary>
/// A service whose marts went missing under it (a warehouse built by an older release, a mart dropped by hand): every
/// endpoint it maps, every method, as an admin, answers without a 500; the report pages (dashboard, every chart, the
/// account page, OData, its Arrow and CSV streams, campaign previews) answer 503 with the sentence that says what to do.
/// The endpoints come from the app's own data source, so a new one is covered without a new test. Only the tables are
/// dropped: the marts that are views (order_lines, order_margin) stay, over tables that are gone,
/// and a request reading one answers 503 too.
/// </summary>
public sealed class MartsNotReadyTests
{
    private const string NotReady = "The marts are not ready for this page (a mart has no table yet).";

    [Fact]
    public async Task Every_endpoint_answers_a_warehouse_without_its_marts_with_no_500_and_every_report_with_a_503_saying_why()
    {
        await using var book = new RegionBook(second: false);
        using var admin = book.Admin();
        // As in a service that ran before: its OData model was built while the marts were there.
        await RegionBook.Text(admin, "/odata/$metadata");
        using (var connection = book.Warehouse.Connect())
        {
            foreach (var table in connection.Rows("select table_name from duckdb_tables() where schema_name = 'marts'", r => r.GetString(0)))
            {
                connection.Execute($"drop table marts.{SqlExtensions.Identifier(table)}");
            }
        }

        var wrong = new List<string>();
        foreach (var (method, path) in MappedRequests.Of(book.Service))
        {
            using var request = MappedRequests.Message(method, path);
            using var response = await admin.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500 && !(response.StatusCode == HttpStatusCode.ServiceUnavailable && body.Contains(NotReady, StringComparison.Ordinal)))
            {
                wrong.Add($"{method} {path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} endpoints failed:\n{string.Join("\n", wrong)}");

        string[] reports =
        [
            "/?lang=en", "/accounts/E1?lang=en", "/odata/Accounts", "/odata/ParetoCurve?$count=true", "/arrow/Orders", "/exports/AccountTiers.csv",
            .. ChartCatalog.All.Select(c => $"/charts/{c.Name}.svg"),
        ];
        foreach (var path in reports)
        {
            Assert.Contains(NotReady, await RegionBook.Text(admin, path, HttpStatusCode.ServiceUnavailable), StringComparison.Ordinal);
        }

        Assert.Contains(NotReady, await Preview(book), StringComparison.Ordinal);
    }

    private static async Task<string> Preview(RegionBook book)
    {
        using var marketing = book.Client(Analytics.ReportApi.Access.Roles.Marketing);
        using var content = new StringContent("""{"tiers":["A"]}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await marketing.PostAsync(new Uri("/api/targets/preview", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
