using System.Net;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Tests.Security;

namespace Analytics.Tests.Accounts;

/// <summary>
/// The account page on the hand-made books of <see cref="RegionBooks"/> (as of 2025-06-30): E1 bought 100 servers at
/// 1,000 (cost 600) on 2025-03-01 and its duplicate E1D 20 on 2025-04-01, so the company E1 has 100,000 in March
/// at a 40% margin and 20,000 in April at 40%; one phone ticket (T1) rated 5; no contract, no invoice.
/// </summary>
public sealed class AccountPageTests(RegionBooks books) : IClassFixture<RegionBooks>
{
    [Fact]
    public async Task A_companys_page_shows_its_duplicates_revenue_margin_orders_and_service_figured_by_hand()
    {
        using var admin = books.First.Admin();
        var page = await RegionBook.Text(admin, "/accounts/E1?lang=en");

        Assert.Contains("<h1>Account: 华东机械有限公司</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Duplicates merged into it</th><td>E1D 华东机械有限公司北京分部</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Region</th><td>华东</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Tickets</th><td>1</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th>SLA breaches</th><td>0</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Mean satisfaction (of 5)</th><td>5.00</td></tr>", page, StringComparison.Ordinal);
        var orders = page[page.IndexOf("<section id=\"orders\">", StringComparison.Ordinal)..];
        orders = orders[..orders.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.True(orders.IndexOf("<td>O2</td>", StringComparison.Ordinal) < orders.IndexOf("<td>O1</td>", StringComparison.Ordinal), orders);
        Assert.Contains("<td class=\"number\">CNY 100,000.00</td>", orders, StringComparison.Ordinal);
        Assert.Contains("<td class=\"number\">CNY 20,000.00</td>", orders, StringComparison.Ordinal);
        Assert.Contains("<tr><td colspan=\"1\">No scores yet</td></tr>", page, StringComparison.Ordinal);

        // The duplicate's id opens its company's page.
        Assert.Equal(page, await RegionBook.Text(admin, "/accounts/E1D?lang=en"));

        var revenue = JsonDocument.Parse(await RegionBook.Text(admin, "/accounts/E1/charts/revenue.json?lang=en")).RootElement;
        var months = revenue.GetProperty("categories").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Equal(24, months.Count);
        Assert.Equal(("2023-07", "2025-06"), (months[0], months[^1]));
        var points = revenue.GetProperty("series")[0].GetProperty("points").EnumerateArray()
            .Where(p => p.GetProperty("y").GetDecimal() != 0).Select(p => (months[p.GetProperty("x").GetInt32()], p.GetProperty("y").GetDecimal())).ToList();
        Assert.Equal([("2025-03", 100_000m), ("2025-04", 20_000m)], points);
        var margin = JsonDocument.Parse(await RegionBook.Text(admin, "/accounts/E1/charts/margin.json?lang=en")).RootElement;
        Assert.Equal([("2025-03", 40m), ("2025-04", 40m)], margin.GetProperty("series")[0].GetProperty("points").EnumerateArray()
            .Select(p => (months[p.GetProperty("x").GetInt32()], p.GetProperty("y").GetDecimal())).ToList());
        using var png = await admin.GetAsync(new Uri("/accounts/E1/charts/revenue.png", UriKind.Relative));
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_page_speaks_chinese_and_an_unknown_account_or_chart_is_a_404_with_a_sentence()
    {
        using var admin = books.First.Admin();
        var page = await RegionBook.Text(admin, "/accounts/E1?lang=zh");
        Assert.Contains("<html lang=\"zh-CN\">", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th>合并的重复客户</th><td>E1D 华东机械有限公司北京分部</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<a id=\"lang-en\" href=\"/accounts/E1?lang=en\">English</a>", page, StringComparison.Ordinal);

        Assert.Equal("""{"error":"There is no account 'X9' you may see."}""", await RegionBook.Text(admin, "/accounts/X9", HttpStatusCode.NotFound));
        Assert.Contains("Account charts are revenue, margin", await RegionBook.Text(admin, "/accounts/E1/charts/pie.png", HttpStatusCode.NotFound), StringComparison.Ordinal);
        Assert.Contains("lang must be zh or en", await RegionBook.Text(admin, "/accounts/E1?lang=fr", HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_account_name_in_the_dashboards_tables_links_to_its_companys_page()
    {
        using var admin = books.First.Admin();
        var page = await RegionBook.Text(admin, "/?lang=en");
        var top = page[page.IndexOf("<section id=\"top-accounts\">", StringComparison.Ordinal)..];
        Assert.Contains("<td><a class=\"account\" href=\"/accounts/N1?lang=en\">北京重工有限公司</a></td>", top, StringComparison.Ordinal);
        Assert.Contains("<td><a class=\"account\" href=\"/accounts/E1?lang=en\">华东机械有限公司</a></td>", top, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_marketing_key_may_not_open_an_account_page_nor_ask_a_what_if()
    {
        using var marketing = books.First.Client(Roles.Marketing);
        await RegionBook.Text(marketing, "/accounts/E1", HttpStatusCode.Forbidden);
        using var body = new StringContent("""{"changes":{"sla_breaches_90d":0}}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await marketing.PostAsync(new Uri("/api/accounts/E1/whatif", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
