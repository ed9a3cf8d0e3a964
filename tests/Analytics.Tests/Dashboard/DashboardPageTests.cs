using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Analytics.Tests.Dashboard;

/// <summary>The page's tiles and tables against the marts and scores, and the language it answers in.</summary>
[Collection(DashboardCompanyFixture.Collection)]
public sealed partial class DashboardPageTests(DashboardCompanyFixture company)
{
    private async Task<string> Page(string query, string? acceptLanguage = null)
    {
        using var http = company.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/" + query, UriKind.Relative));
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        using var response = await http.SendAsync(request);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Tile(string page, string id) =>
        Regex.Match(page, $"<div class=\"tile\" id=\"tile-{id}\"><span class=\"label\">[^<]*</span><span class=\"value\"[^>]*>([^<]*)</span>").Groups[1].Value;

    // The exact figure a tile shows on hover, when it rounds.
    private static string TileTitle(string page, string id) =>
        Regex.Match(page, $"<div class=\"tile\" id=\"tile-{id}\"><span class=\"label\">[^<]*</span><span class=\"value\" title=\"([^\"]*)\">").Groups[1].Value;

    [Fact]
    public async Task The_tiles_show_the_window_revenue_key_share_risk_breach_rate_and_renewals_the_warehouse_holds()
    {
        var page = await Page("?window=3&lang=en");
        var (revenue, keyShare) = company.Rows("""
            select sum(o.net_amount), sum(o.net_amount) filter (where t.tier = 'A') / sum(o.net_amount)
            from marts.orders o join marts.account_merge_map m using (account_id) join marts.account_tiers t using (master_account_id)
            where o.order_date >= (select date_trunc('month', as_of_date) - interval 2 month from marts.as_of)
              and o.order_date <= (select as_of_date from marts.as_of)
            """, r => (r.GetDecimal(0), r.GetDecimal(1))).Single();
        var atRisk = company.Scalar<long>("""
            select count(*) from models.current_scores s join marts.account_tiers t on t.master_account_id = s.account_id
            where t.tier = 'A' and s.churn_risk_band = 'high'
            """);
        var breachRate = company.Scalar<double>("""
            select sum(breached_tickets) / sum(measured_tickets) from marts.sla_compliance_monthly
            where dimension = 'account' and month >= (select date_trunc('month', as_of_date) - interval 2 month from marts.as_of)
            """);
        var renewals = company.Scalar<long>("select count(*) from marts.contract_status where due_within_days is not null");

        Assert.Equal("CNY " + revenue.ToString("N0", CultureInfo.InvariantCulture), Tile(page, "revenue"));
        Assert.Equal("CNY " + revenue.ToString("N2", CultureInfo.InvariantCulture), TileTitle(page, "revenue"));
        Assert.Equal((keyShare * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%", Tile(page, "key-share"));
        Assert.Equal(atRisk.ToString(CultureInfo.InvariantCulture), Tile(page, "at-risk"));
        Assert.Equal((breachRate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%", Tile(page, "breach-rate"));
        Assert.Equal(renewals.ToString(CultureInfo.InvariantCulture), Tile(page, "renewals"));
        Assert.True(atRisk > 0 && renewals > 0, "the demo company should have key accounts at risk and contracts due");
    }

    [Fact]
    public async Task The_tables_list_the_top_ten_the_riskiest_key_accounts_with_reasons_and_the_next_cancel_by_days()
    {
        var page = await Page("?lang=zh");
        var top = company.Rows("select name from marts.account_tiers order by value desc, master_account_id limit 10", r => r.GetString(0));
        var topTable = Section(page, "top-accounts");
        Assert.Equal(top, NameCells(topTable, column: 2));

        var riskiest = company.Rows("""
            select t.name from models.current_scores s join marts.account_tiers t on t.master_account_id = s.account_id
            where t.tier = 'A' and s.churn_risk_band in ('high', 'medium')
            order by s.churn_probability desc, t.master_account_id limit 10
            """, r => r.GetString(0));
        var riskTable = Section(page, "at-risk");
        Assert.Equal(riskiest, NameCells(riskTable, column: 1));
        Assert.Contains("<td>90 天内 3 次 SLA 违约；订单下降 40%</td>", riskTable, StringComparison.Ordinal);

        var firstCancelBy = company.Scalar<string>("""
            select strftime(min(cancel_by), '%Y-%m-%d') from marts.contract_status where cancel_by is not null and days_to_cancel_by between 0 and 90
            """);
        Assert.Contains($"<td>{firstCancelBy}</td>", Section(page, "contracts"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN", "大客户经营看板")]
    [InlineData("en-GB,en;q=0.9", "en", "Key-account dashboard")]
    [InlineData("fr-FR,en;q=0.5,zh;q=0.4", "en", "Key-account dashboard")]
    [InlineData(null, "zh-CN", "大客户经营看板")]
    public async Task The_page_speaks_the_first_of_Chinese_or_English_the_browser_asks_for(string? acceptLanguage, string lang, string title)
    {
        var page = await Page("", acceptLanguage);
        Assert.Contains($"<html lang=\"{lang}\">", page, StringComparison.Ordinal);
        Assert.Contains($"<h1>{title}</h1>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switch_overrides_the_browsers_language()
    {
        var page = await Page("?lang=en", "zh-CN");
        Assert.Contains("<h1>Key-account dashboard</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<a id=\"lang-zh\" href=\"/?window=12&amp;lang=zh\">中文</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_filter_is_a_400_with_a_sentence()
    {
        using var http = company.Client();
        using var response = await http.GetAsync(new Uri("/?window=5", UriKind.Relative));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("\"window must be one of 3, 6, 12 (months), not '5'.\"", await response.Content.ReadAsStringAsync());
    }

    private static string Section(string page, string id) =>
        Regex.Match(page, $"<section id=\"{id}\">.*?</section>", RegexOptions.Singleline).Value;

    // A name cell holds a link to the account's page; its text is the name.
    private static List<string> NameCells(string table, int column) =>
        [.. Row().Matches(table).Select(m => Regex.Matches(m.Value, "<td[^>]*>(?:<a [^>]*>)?([^<]*)(?:</a>)?</td>")[column - 1].Groups[1].Value)];

    [GeneratedRegex("<tr><td.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();
}
