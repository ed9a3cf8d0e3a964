using System.Globalization;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Warehouse.Reports;

namespace Analytics.Tests.OData;

/// <summary>
/// The aggregated sets BI tools read without $apply (RevenueByMonth, SlaByMonthRegion, ChurnValueByTier): their
/// totals by hand from <see cref="ODataBook"/>, the dashboard's tiles equal to them, their dimensions and measures
/// in $metadata, and a region-limited key reading only its regions' rows. By category, every order up to as_of
/// (2025-01-01, the book's last order): laptop O1 10798.2 + O2 5999 + O4 4125.375 = 20922.575; consumables O1 299.7 +
/// O3 949.05 = 1248.75; none O6 0.7 (P3 has no category) + O5 1234.56 (no lines) = 1235.26; all 23406.585.
/// The dashboard's 12 months end with as_of: 2024-02-01 to 2025-01-01, O2 + O3 + O4 + O6 = 11074.125.
/// </summary>
public sealed class AggregatedSetTests(ODataBook book) : IClassFixture<ODataBook>
{
    private static string Money(JsonElement value) => value.GetDecimal().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Revenue_by_category_adds_up_to_the_orders_by_hand()
    {
        var rows = await book.Host.All("/odata/RevenueByMonth?$apply=groupby((Category),aggregate(Revenue with sum as Revenue))&$orderby=Category");
        var total = await book.Host.All("/odata/RevenueByMonth?$apply=aggregate(Revenue with sum as Revenue,Orders with sum as Orders)");

        Assert.Equal(["(none) 1235.26", "consumables 1248.75", "laptop 20922.575"], rows.Select(r => $"{r.GetProperty("Category")} {Money(r.GetProperty("Revenue"))}"));
        Assert.Equal("23406.585", Money(total.Single().GetProperty("Revenue")));
        Assert.Equal(book.Warehouse.Scalar<decimal>("select sum(net_amount) from marts.orders"), total.Single().GetProperty("Revenue").GetDecimal());
    }

    [Fact]
    public async Task The_dashboards_revenue_tile_and_breach_rate_equal_the_sets_over_the_same_months_for_every_scope()
    {
        var start = book.Warehouse.Scalar<string>("select strftime((date_trunc('month', as_of_date) - interval 11 month)::date, '%Y-%m-%d') from marts.as_of");
        var since = $"filter(Month ge {start})";
        foreach (var scope in new[] { AccessScope.Everything, new AccessScope(Roles.Manager, ["华东"]) })
        {
            var regions = scope.Regions is null ? null : string.Join(",", scope.Regions);
            var tiles = Tiles(scope);
            var revenue = (await book.Host.All($"/odata/RevenueByMonth?$apply={since}/aggregate(Revenue with sum as Revenue)", (Roles.Manager, regions))).Single();
            var sla = (await book.Host.All($"/odata/SlaByMonthRegion?$apply={since}/aggregate(BreachedTickets with sum as Breached,MeasuredTickets with sum as Measured)", (Roles.Manager, regions))).Single();

            Assert.Equal(tiles.Revenue, revenue.GetProperty("Revenue").GetDecimal());
            Assert.Equal(tiles.BreachRate, sla.GetProperty("Measured").GetDecimal() == 0 ? null : sla.GetProperty("Breached").GetDecimal() / sla.GetProperty("Measured").GetDecimal());
        }

        Assert.Equal(11074.125m, Tiles(AccessScope.Everything).Revenue);
        Assert.Equal(10124.375m, Tiles(new AccessScope(Roles.Manager, ["华东"])).Revenue);
    }

    [Fact]
    public async Task A_region_limited_key_reads_only_its_regions_rows()
    {
        var east = await book.Host.All("/odata/RevenueByMonth?$apply=groupby((Region),aggregate(Revenue with sum as Revenue))", (Roles.Analyst, "华东"));
        var tiers = await book.Host.All("/odata/ChurnValueByTier?$apply=groupby((Region),aggregate(Companies with sum as Companies))", (Roles.Analyst, "华东"));
        var nothing = await book.Host.All("/odata/SlaByMonthRegion", (Roles.Analyst, "-"));

        Assert.Equal("华东 21222.275", string.Join(";", east.Select(r => $"{r.GetProperty("Region")} {Money(r.GetProperty("Revenue"))}")));
        Assert.Equal("华东 2", string.Join(";", tiers.Select(r => $"{r.GetProperty("Region")} {r.GetProperty("Companies")}")));
        Assert.Empty(nothing);
    }

    [Fact]
    public async Task Metadata_names_each_sets_dimensions_and_measures_with_the_Aggregation_vocabulary()
    {
        var (_, body) = await book.Host.Get("/odata/$metadata");
        var metadata = System.Xml.Linq.XDocument.Parse(body);
        var apply = metadata.Descendants().Single(e => e.Name.LocalName == "EntitySet" && (string?)e.Attribute("Name") == "RevenueByMonth")
            .Elements().Single(e => e.Name.LocalName == "Annotation" && ((string?)e.Attribute("Term"))?.EndsWith(".ApplySupported", StringComparison.Ordinal) == true);
        string[] Paths(string property) => [.. apply.Descendants().Single(e => e.Name.LocalName == "PropertyValue" && (string?)e.Attribute("Property") == property)
            .Descendants().Where(e => e.Name.LocalName == "PropertyPath" || (e.Name.LocalName == "PropertyValue" && (string?)e.Attribute("Property") == "Property"))
            .Select(e => e.Value.Length > 0 ? e.Value : (string)e.Attribute("PropertyPath")!)];

        Assert.Equal(["Month", "Region", "Tier", "Category"], Paths("GroupableProperties"));
        Assert.Equal(["Revenue", "Quantity", "Orders"], Paths("AggregatableProperties"));
    }

    [Fact]
    public async Task The_documented_Power_BI_request_with_Basic_sign_in_and_a_folded_date_filter_answers_those_months()
    {
        // The curl line of docs/odata-and-exports.md, as Power BI sends it: Basic, any user, the key as password.
        var doc = await File.ReadAllLinesAsync(Path.Combine(Support.TestPaths.RepoRoot, "docs", "odata-and-exports.md"));
        var line = doc.Single(l => l.StartsWith("curl ", StringComparison.Ordinal) && l.Contains("/odata/RevenueByMonth?", StringComparison.Ordinal));
        var url = new Uri(line.Split('\'')[1]);
        var user = line.Split('"')[1].Split(':')[0];
        using var client = book.Host.PlainClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url.PathAndQuery, UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{book.Host.Key(Roles.Analyst)}")));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, body);
        // Only 2025's order: O4 of A3 (华东), one laptop, 4125.375.
        var row = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(["Month", "Region", "Tier", "Category", "Revenue"], row.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2025-01-01 华东 laptop 4125.375", $"{row.GetProperty("Month")} {row.GetProperty("Region")} {row.GetProperty("Category")} {Money(row.GetProperty("Revenue"))}");
    }

    private (decimal Revenue, decimal? BreachRate) Tiles(AccessScope scope)
    {
        using var connection = book.Warehouse.Connect();
        return ReportQueries.Run(connection, "kpi_tiles", ReportFilter.Default, scope.AccountFilter,
            r => (r.GetDecimal(r.GetOrdinal("revenue")), r["breach_rate"] is DBNull ? (decimal?)null : Convert.ToDecimal(r["breach_rate"], CultureInfo.InvariantCulture))).Single();
    }
}
