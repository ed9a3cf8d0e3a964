using Analytics.ReportApi.Charts;
using Microsoft.Playwright;

namespace Analytics.Tests.Dashboard;

/// <summary>
/// The dashboard as a manager sees it in Chromium: every chart loads, nothing logs an error, the filters change
/// what is shown, the language switch works. Screenshots land in artifacts/screenshots.
/// </summary>
[Collection(DashboardCompanyFixture.Collection)]
public sealed class BrowserTests(DashboardCompanyFixture company, Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private readonly List<string> _errors = [];
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = company.Address.ToString(),
            // A browser's requests, the page's chart images included, carry an admin key: the whole warehouse.
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + company.AdminKey },
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Add(message.Text);
            }
        };
        _page.PageError += (_, error) => _errors.Add(error);
        _page.RequestFailed += (_, request) => _errors.Add($"{request.Url}: {request.Failure}");
    }

    public async Task DisposeAsync() => await _context.CloseAsync();

    /// <summary>How many of the page's charts have loaded with a size, and how many there are.</summary>
    private async Task<(int Loaded, int Total)> ChartImages()
    {
        await _page.WaitForLoadStateAsync(LoadState.Load);
        var counts = await _page.EvaluateAsync<int[]>(
            Browser.LoadedCharts);
        return (counts[0], counts[1]);
    }

    private async Task Screenshot(string name) =>
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, name + ".png"), FullPage = true });

    [Fact]
    public async Task Every_chart_loads_with_no_console_errors_in_the_browsers_language()
    {
        var response = await _page.GotoAsync("/");
        Assert.Equal(200, response!.Status);
        Assert.Equal((ChartCatalog.All.Count, ChartCatalog.All.Count), await ChartImages());
        Assert.Equal("en", await _page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Key-account dashboard", await _page.InnerTextAsync("h1"));
        await Screenshot("dashboard-en");
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task Choosing_a_region_narrows_the_tiles_tables_and_charts_to_it()
    {
        await _page.GotoAsync("/");
        var allRevenue = await _page.InnerTextAsync("#tile-revenue .value");
        var region = company.Scalar<string>("""
            select a.region from marts.account_tiers t join core.accounts a on a.account_id = t.master_account_id
            where t.tier = 'A' group by a.region order by count(*) desc, a.region limit 1
            """);

        // The select submits the form on change: a navigation to /?window=12&region=...&lang=en
        await _page.SelectOptionAsync("select[name=region]", region);
        await _page.WaitForURLAsync(url => url.Contains("region=", StringComparison.Ordinal));
        Assert.Contains("region=" + Uri.EscapeDataString(region), _page.Url, StringComparison.Ordinal);
        Assert.Equal((ChartCatalog.All.Count, ChartCatalog.All.Count), await ChartImages());
        Assert.NotEqual(allRevenue, await _page.InnerTextAsync("#tile-revenue .value"));
        var regions = await _page.Locator("#top-accounts tbody td:nth-child(4)").AllInnerTextsAsync();
        Assert.NotEmpty(regions);
        Assert.All(regions, r => Assert.Equal(region, r));
        var sources = await _page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.charts object')].map(o => o.data)");
        Assert.All(sources, s => Assert.Contains("region=" + Uri.EscapeDataString(region), s, StringComparison.Ordinal));

        await _page.SelectOptionAsync("select[name=tier]", "A");
        await _page.WaitForURLAsync(url => url.Contains("tier=A", StringComparison.Ordinal));
        var tiers = await _page.Locator("#top-accounts tbody td:nth-child(3)").AllInnerTextsAsync();
        Assert.All(tiers, t => Assert.Equal("A", t));
        await Screenshot("dashboard-region-tier-a");
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task The_language_switch_turns_the_page_and_its_charts_into_Chinese_and_back()
    {
        await _page.GotoAsync("/?window=6");
        await _page.ClickAsync("#lang-zh");
        await _page.WaitForURLAsync(url => url.Contains("lang=zh", StringComparison.Ordinal));
        Assert.Equal("zh-CN", await _page.GetAttributeAsync("html", "lang"));
        Assert.Equal("大客户经营看板", await _page.InnerTextAsync("h1"));
        Assert.Equal("收入（近 6 个月）", await _page.InnerTextAsync("#tile-revenue .label"));
        Assert.Equal((ChartCatalog.All.Count, ChartCatalog.All.Count), await ChartImages());
        var sources = await _page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.charts object')].map(o => o.data)");
        Assert.All(sources, s => Assert.Contains("lang=zh", s, StringComparison.Ordinal));
        await Screenshot("dashboard-zh");

        await _page.ClickAsync("#lang-en");
        await _page.WaitForURLAsync(url => url.Contains("lang=en", StringComparison.Ordinal));
        Assert.Equal("Key-account dashboard", await _page.InnerTextAsync("h1"));
        Assert.Empty(_errors);
    }
}
