using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Charts;
using Analytics.Tests.Dashboard;

namespace Analytics.Tests.Charts;

/// <summary>
/// Issue 18, item 4: a click on a chart's point or bar opens the company's page or the rows the mark stands for. The
/// links are read from every chart of the catalog's SVG (a new chart without links fails here) and followed with a
/// manager's key, of every region and of one, as a browser would send it: the target applies the key's scope itself.
/// </summary>
[Collection(DashboardCompanyFixture.Collection)]
public sealed class ChartLinkTests(DashboardCompanyFixture company)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task Every_chart_in_the_catalog_that_draws_data_links_its_marks_to_a_page_or_rows_of_this_service()
    {
        using var http = Manager();
        var empty = new List<string>();
        foreach (var chart in ChartCatalog.All)
        {
            var data = await ChartJson.GetAsync(http, chart.Name);
            var links = await Links(http, chart.Name, "lang=en");
            if (data.EmptyMessage is not null)
            {
                empty.Add(chart.Name);
                continue;
            }

            Assert.True(links.Count > 0, $"{chart.Name} draws data but links nothing");
            Assert.All(links, l => Assert.Matches("^/(accounts/[^/?]+\\?lang=en|odata/[A-Za-z]+\\?\\$filter=|\\?)", l));
        }

        // No scoring pass of this book has been evaluated yet: the monitoring chart's links are followed in MonitoredDemoTests.
        Assert.Equal(["model-monitoring"], empty);
    }

    [Theory]
    [InlineData("pareto")]
    [InlineData("churn-risk")]
    public async Task A_companys_point_opens_its_page_and_a_regional_managers_chart_links_no_foreign_company(string chart)
    {
        var region = LargestRegion();
        using var regional = Manager(region);
        var data = await ChartJson.GetAsync(regional, chart);
        var ids = (await Links(regional, chart, "lang=en")).Select(AccountId).ToList();

        // A small book's curve links every company on it; the churn-risk chart, every key account it draws.
        Assert.Equal(data.Series.Sum(s => s.Points.Count), ids.Count);
        Assert.Equal([region], ids.Select(id => company.Scalar<string>("select region from core.accounts where account_id = $1", id)).Distinct());

        var first = ids[0];
        using var response = await regional.GetAsync(new Uri($"/accounts/{Uri.EscapeDataString(first)}?lang=en", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var name = company.Scalar<string>("select name from core.accounts where account_id = $1", first);
        Assert.Contains(WebUtility.HtmlEncode(name), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clv", null, "lang=en")]
    [InlineData("clv", "region", "lang=en")]
    [InlineData("clv", null, "lang=en&tier=B")]
    [InlineData("renewals", null, "lang=en")]
    [InlineData("renewals", "region", "lang=en")]
    [InlineData("renewals", null, "lang=en&tier=A")]
    public async Task A_bars_link_opens_exactly_its_rows_and_their_count_is_the_bar(string chart, string? regional, string query)
    {
        using var http = regional is null ? Manager() : Manager(LargestRegion());
        var data = await ChartJson.GetAsync(http, chart, query);
        var bars = data.Series.SelectMany(s => s.Points).ToList();
        var links = await Links(http, chart, query);
        Assert.Equal(bars.Count, links.Count);
        Assert.True(bars.Count >= 2, $"{chart}: only {bars.Count} bars");
        foreach (var (bar, link) in bars.Zip(links))
        {
            var rows = await OData(http, link);
            Assert.Equal(bar.Y, rows.GetProperty("@odata.count").GetInt64());
        }
    }

    [Theory]
    [InlineData(null, "lang=en")]
    [InlineData("region", "lang=en")]
    [InlineData(null, "lang=en&tier=A")]
    public async Task A_months_SLA_point_opens_the_rows_its_rate_is_summed_from(string? regional, string query)
    {
        using var http = regional is null ? Manager() : Manager(LargestRegion());
        var data = await ChartJson.GetAsync(http, "sla-compliance", query);
        var points = data.Series.Single().Points;
        var links = await Links(http, "sla-compliance", query);
        Assert.Equal(points.Count, links.Count);
        foreach (var (point, link) in points.Zip(links))
        {
            var rows = (await OData(http, link)).GetProperty("value").EnumerateArray().ToList();
            var measured = rows.Sum(r => r.GetProperty("MeasuredTickets").GetInt64());
            var breached = rows.Sum(r => r.GetProperty("BreachedTickets").GetInt64());
            Assert.Equal((double)point.Y, 100.0 * (measured - breached) / measured, 9);
        }
    }

    [Theory]
    [InlineData("revenue-by-month")]
    [InlineData("lifecycle")]
    [InlineData("churn-rates")]
    public async Task A_tiers_bar_opens_the_dashboard_with_that_tier_chosen(string chart)
    {
        using var http = Manager();
        var link = (await Links(http, chart, "lang=en")).First(l => l.Contains("tier=B", StringComparison.Ordinal));
        using var response = await http.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("<option value=\"B\" selected>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("level", "Level", "s.level")]
    [InlineData("lifecycle_stage", "LifecycleStage", "s.lifecycle_stage")]
    [InlineData("industry", "Industry", "a.industry")]
    public async Task A_churn_rate_bar_of_another_grouping_opens_that_groups_companies_in_the_managers_region(string group, string property, string column)
    {
        var region = LargestRegion();
        using var http = Manager(region);
        var data = await ChartJson.GetAsync(http, "churn-rates", $"lang=en&group={group}");
        var links = await Links(http, "churn-rates", $"lang=en&group={group}");
        Assert.Equal(data.Series.Single().Points.Count, links.Count);
        Assert.True(links.Count >= 2, $"{group}: only {links.Count} bars");
        foreach (var link in links)
        {
            var answer = await OData(http, link);
            var rows = answer.GetProperty("value").EnumerateArray().ToList();
            Assert.NotEmpty(rows);
            var value = rows[0].GetProperty(property).ToString();
            Assert.All(rows, r => Assert.Equal(value, r.GetProperty(property).ToString()));
            Assert.All(rows, r => Assert.Equal(r.GetProperty("AccountId").GetString(), r.GetProperty("MasterAccountId").GetString()));
            Assert.All(rows, r => Assert.Equal(region, r.GetProperty("Region").GetString()));

            // Exactly the region's companies in that group now, counted from the warehouse.
            var expected = company.Scalar<long>($"""
                select count(*) from marts.account_segments s join core.accounts a using (account_id)
                where s.master_account_id = s.account_id and a.region = $1 and coalesce({column}::varchar, '') = $2
                """, region, value);
            Assert.Equal(expected, answer.GetProperty("@odata.count").GetInt64());
        }
    }

    private HttpClient Manager(string? region = null) =>
        company.Service.Client(company.Service.Key(Roles.Manager, region is null ? null : [region]));

    private string LargestRegion() => company.Scalar<string>("""
        select a.region from marts.account_tiers t join core.accounts a on a.account_id = t.master_account_id
        group by a.region order by count(*) desc, a.region limit 1
        """);

    /// <summary>The links of a chart's SVG, in the order of its marks (series by series, point by point).</summary>
    internal static async Task<List<string>> Links(HttpClient http, string chart, string query)
    {
        var svg = XDocument.Parse(await http.GetStringAsync(new Uri($"/charts/{chart}.svg?{query}", UriKind.Relative)));
        return [.. svg.Descendants(Svg + "a").Select(a => a.Attribute("href")!.Value)];
    }

    internal static async Task<JsonElement> OData(HttpClient http, string link)
    {
        using var response = await http.GetAsync(new Uri(link, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{link}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string AccountId(string link) => Uri.UnescapeDataString(link["/accounts/".Length..link.IndexOf('?', StringComparison.Ordinal)]);
}
