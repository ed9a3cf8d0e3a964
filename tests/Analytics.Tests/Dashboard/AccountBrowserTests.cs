using Analytics.ReportApi.Access;
using Analytics.Tests.ModelRuns;
using Analytics.Tests.Support;
using Analytics.Warehouse;
using Microsoft.Playwright;

namespace Analytics.Tests.Dashboard;

/// <summary>
/// A manager in Chromium on the trained demo company (real scores and next actions): signs in with a key, opens the
/// dashboard, clicks an account name through to its page, sees its charts and ranked actions, switches the language;
/// a manager limited to one region gets a 404 for another region's account. Screenshots in artifacts/screenshots.
/// </summary>
[Collection(TrainedDemoGroup.Name)]
public sealed class AccountBrowserTests : IClassFixture<Browser>, IDisposable
{
    private readonly TrainedDemoFixture _demo;
    private readonly Browser _browser;
    private readonly AnalyticsFactory _service;

    public AccountBrowserTests(TrainedDemoFixture demo, Browser browser)
    {
        _demo = demo;
        _browser = browser;
        _service = new AnalyticsFactory(demo.Database, onSocket: true);
        _service.StartServer();
    }

    public void Dispose() => _service.Dispose();

    private Task<IBrowserContext> Context(string? key = null) =>
        _browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _service.Address.ToString(),
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            ExtraHTTPHeaders = key is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + key },
        });

    [Fact]
    public async Task A_manager_clicks_an_account_through_to_its_page_and_sees_its_charts_and_actions_in_both_languages()
    {
        await using var context = await Context();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        var first = await page.GotoAsync("/?lang=en");
        Assert.Equal(401, first!.Status);
        await page.FillAsync("#key", _service.Key(Roles.Manager));
        await page.ClickAsync("input[type=submit]");
        await page.WaitForSelectorAsync("#top-accounts");
        // The sign-in page itself answers 401, which Chromium logs as a failed resource; what counts comes after.
        errors.Clear();

        // An account the dashboard names that the scoring pass gave actions to.
        var links = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a.account')].map(a => a.getAttribute('href'))");
        var withActions = _demo.Rows("""
            select account_id, count(*) as actions from models.next_actions
            where score_run_id = (select max(score_run_id) from models.score_runs) group by account_id
            """, r => (Id: r.Get<string>("account_id"), Count: r.Get<long>("actions"))).ToDictionary(x => x.Id, x => x.Count);
        var href = links.First(l => withActions.ContainsKey(Uri.UnescapeDataString(l["/accounts/".Length..l.IndexOf('?', StringComparison.Ordinal)])));
        var account = Uri.UnescapeDataString(href["/accounts/".Length..href.IndexOf('?', StringComparison.Ordinal)]);
        var name = _demo.Scalar<string>("select name from core.accounts where account_id = $1", account);

        // The wait starts before the click (no race between them), and the first account page of the process (charts
        // drawn cold) may take long on a busy CI machine: the limit only stops a hung test.
        var opened = page.WaitForURLAsync(url => url.Contains("/accounts/", StringComparison.Ordinal),
            new() { WaitUntil = WaitUntilState.Load, Timeout = 180_000 });
        await page.ClickAsync($"a.account[href='{href}']");
        await opened;
        Assert.Equal($"Account: {name}", await page.InnerTextAsync("h1"));
        var charts = await page.EvaluateAsync<int[]>(
            Browser.LoadedCharts);
        Assert.Equal([2, 2], charts);
        var actions = await page.Locator("#actions tbody tr").AllInnerTextsAsync();
        Assert.Equal(withActions[account], actions.Count);
        Assert.StartsWith("1", actions[0], StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "account-en.png"), FullPage = true });

        await page.ClickAsync("#lang-zh");
        await page.WaitForURLAsync(url => url.Contains("lang=zh", StringComparison.Ordinal));
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal($"客户档案：{name}", await page.InnerTextAsync("h1"));
        Assert.Equal("下一步最佳行动", await page.InnerTextAsync("#actions h2"));
        Assert.Equal(withActions[account], await page.Locator("#actions tbody tr").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "account-zh.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_regional_manager_gets_a_404_for_another_regions_account()
    {
        var (account, region) = _demo.Rows("""
            select a.account_id, a.region from core.accounts a join marts.account_merge_map m using (account_id)
            where m.is_master and a.region is not null order by a.account_id limit 1
            """, r => (r.Get<string>("account_id"), r.Get<string>("region"))).Single();
        var other = _demo.Scalar<string>("select min(region) from core.accounts where region <> $1", region);

        await using var regional = await Context(_service.Key(Roles.Manager, [other]));
        var page = await regional.NewPageAsync();
        Assert.Equal(404, (await page.GotoAsync($"/accounts/{Uri.EscapeDataString(account)}?lang=en"))!.Status);
        await using var own = await Context(_service.Key(Roles.Manager, [region]));
        Assert.Equal(200, (await (await own.NewPageAsync()).GotoAsync($"/accounts/{Uri.EscapeDataString(account)}?lang=en"))!.Status);
    }
}
