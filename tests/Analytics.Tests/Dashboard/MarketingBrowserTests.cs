using System.Globalization;
using System.Net;
using Analytics.ReportApi.Access;
using Analytics.Tests.Access;
using Microsoft.Playwright;

namespace Analytics.Tests.Dashboard;

/// <summary>
/// A marketer in Chromium: signs in at / with the demo marketing key and gets marketing's own page (targets and
/// campaigns with their outcome), not the managers' dashboard; the language switch works there too.
/// </summary>
[Collection(DashboardCompanyFixture.Collection)]
public sealed class MarketingBrowserTests(DashboardCompanyFixture company, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_marketer_signs_in_at_the_root_and_sees_a_campaigns_outcome_in_english_and_chinese()
    {
        using (var connection = company.Connect())
        {
            if (ApiKeyStore.Find(connection, ApiKeyStore.Hash(DemoKeys.Marketing)) is null)
            {
                DemoKeys.Store(connection);
            }
        }

        // A target and a campaign frozen a quarter before the data ends, half held out, through the API.
        using var api = company.Service.Client(DemoKeys.Marketing);
        await HttpJson.Send(api, HttpMethod.Post, "/api/targets", """{"name":"A 类客户 tier A","rule":{"tiers":["A"]}}""", HttpStatusCode.Created);
        var campaign = await HttpJson.Send(api, HttpMethod.Post, "/api/campaigns",
            """{"name":"秋季回访 autumn calls","rule":{"tiers":["A"]},"controlFraction":0.5,"seed":5,"frozenOn":"2025-09-30"}""", HttpStatusCode.Created);
        var outcome = await HttpJson.Send(api, HttpMethod.Get, $"/api/campaigns/{campaign.GetProperty("campaignId").GetInt64()}/outcome", null, HttpStatusCode.OK);
        var targetedOrders = outcome.GetProperty("targeted").GetProperty("orders").GetInt64();
        var controlOrders = outcome.GetProperty("control").GetProperty("orders").GetInt64();
        Assert.True(targetedOrders > 0 && controlOrders > 0, outcome.GetRawText());

        await using var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = company.Address.ToString(),
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        // No key yet: the sign-in form (with its 401); the key once, then the cookie carries the session.
        var first = await page.GotoAsync("/?lang=en");
        Assert.Equal(401, first!.Status);
        await page.FillAsync("#key", DemoKeys.Marketing);
        await page.ClickAsync("input[type=submit]");
        await page.WaitForSelectorAsync("#campaigns");

        Assert.Equal("Marketing: targets and campaigns", await page.InnerTextAsync("h1"));
        Assert.Equal(0, await page.Locator("#tile-revenue").CountAsync());
        Assert.Contains("A 类客户 tier A", await page.InnerTextAsync("#targets"), StringComparison.Ordinal);
        var rows = await page.Locator("#campaigns tbody tr").AllInnerTextsAsync();
        var targeted = rows.Single(r => r.Contains("autumn calls", StringComparison.Ordinal) && r.Contains("targeted", StringComparison.Ordinal));
        var control = rows.Single(r => r.Contains("autumn calls", StringComparison.Ordinal) && r.Contains("control", StringComparison.Ordinal));
        Assert.Contains("2025-09-30", targeted, StringComparison.Ordinal);
        Assert.Contains(Money(outcome.GetProperty("targeted").GetProperty("revenue").GetDecimal()), targeted, StringComparison.Ordinal);
        Assert.Contains(Money(outcome.GetProperty("control").GetProperty("revenue").GetDecimal()), control, StringComparison.Ordinal);
        Assert.Contains(Money(outcome.GetProperty("revenueLiftPerMember").GetDecimal()), targeted, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "marketing-en.png"), FullPage = true });

        await page.ClickAsync("#lang-zh");
        await page.WaitForURLAsync(url => url.Contains("lang=zh", StringComparison.Ordinal));
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("营销：目标客户与活动", await page.InnerTextAsync("h1"));
        var zhRows = await page.Locator("#campaigns tbody tr").AllInnerTextsAsync();
        Assert.Contains(zhRows, r => r.Contains("目标组", StringComparison.Ordinal) && r.Contains("¥" + Amount(outcome.GetProperty("targeted").GetProperty("revenue").GetDecimal()), StringComparison.Ordinal));
        Assert.Contains(zhRows, r => r.Contains("对照组", StringComparison.Ordinal));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "marketing-zh.png"), FullPage = true });
        Assert.Empty(errors);
    }

    // A lift can be negative: the sign goes before the currency.
    private static string Money(decimal amount) => (amount < 0 ? "-" : "") + "CNY " + Amount(Math.Abs(amount));

    private static string Amount(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);
}
