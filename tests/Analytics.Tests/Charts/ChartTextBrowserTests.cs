using System.Globalization;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Charts;
using Analytics.Tests.Dashboard;
using Microsoft.Playwright;

namespace Analytics.Tests.Charts;

/// <summary>
/// Every chart as the dashboard and the account page show it (SVG in an &lt;object&gt;, at the page's size) in Chromium,
/// in Chinese and English: the box of every text the browser lays out is measured, and no two may overlap, nor may one
/// leave the image. The charts come from <see cref="ChartCatalog"/> through the page, so a new chart is covered as soon
/// as the dashboard shows it. A click on a named point of the churn-risk chart opens that account's page.
/// </summary>
[Collection(DashboardCompanyFixture.Collection)]
public sealed class ChartTextBrowserTests(DashboardCompanyFixture company, Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    /// <summary>Boxes may touch; a shared sliver under half a pixel is rounding, not an overlap a reader sees.</summary>
    private const double Tolerance = 0.5;

    private IBrowserContext _context = null!;

    public async Task InitializeAsync() =>
        _context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = company.Address.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + company.AdminKey },
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });

    public async Task DisposeAsync() => await _context.CloseAsync();

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task No_two_texts_of_any_dashboard_chart_overlap_and_none_leaves_its_image(string lang)
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync($"/?lang={lang}", new() { WaitUntil = WaitUntilState.Load });
        var charts = await Measure(page);
        Assert.Equal(ChartCatalog.All.Select(c => c.Name).Order(StringComparer.Ordinal), charts.Keys.Order(StringComparer.Ordinal));
        AssertApart(charts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, $"charts-{lang}.png"), FullPage = true });
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task No_two_texts_of_the_account_pages_charts_overlap_over_24_months(string lang)
    {
        var account = company.Scalar<string>("select account_id from core.orders group by all order by count(*) desc, 1 limit 1");
        var page = await _context.NewPageAsync();
        await page.GotoAsync($"/accounts/{Uri.EscapeDataString(account)}?lang={lang}", new() { WaitUntil = WaitUntilState.Load });
        var charts = await Measure(page);
        Assert.Equal(["margin", "revenue"], charts.Keys.Order(StringComparer.Ordinal));
        AssertApart(charts);
    }

    [Fact]
    public async Task A_click_on_the_point_with_the_most_value_at_risk_opens_that_accounts_page()
    {
        var (account, name) = company.Rows("""
            select t.master_account_id, a.name
            from marts.account_tiers t join models.current_scores s on s.account_id = t.master_account_id
            join core.accounts a on a.account_id = t.master_account_id
            where t.tier = 'A'
            order by t.value * s.churn_probability desc, t.master_account_id limit 1
            """, r => (r.GetString(0), r.GetString(1))).Single();
        var page = await _context.NewPageAsync();
        await page.GotoAsync("/?lang=en", new() { WaitUntil = WaitUntilState.Load });
        var chartTexts = (await Measure(page))["churn-risk"].Texts.Select(t => t.Text);
        Assert.Contains(name, chartTexts);
        var href = $"/accounts/{Uri.EscapeDataString(account)}?lang=en";
        var box = await page.EvaluateAsync<double[]>("""
            href => {
              const svg = document.querySelector('#chart-churn-risk').contentDocument;
              const r = [...svg.querySelectorAll('a')].find(a => a.getAttribute('href') === href).querySelector('rect').getBoundingClientRect();
              return [r.left + r.width / 2, r.top + r.height / 2];
            }
            """, href);
        var chart = await page.Locator("#chart-churn-risk").BoundingBoxAsync();

        // A real click at the point's place on the page (the object's origin plus the point inside it).
        var opened = page.WaitForURLAsync(url => url.Contains("/accounts/", StringComparison.Ordinal), new() { Timeout = 120_000 });
        await page.Mouse.ClickAsync((float)(chart!.X + box[0]), (float)(chart.Y + box[1]));
        await opened;
        Assert.EndsWith(href, page.Url, StringComparison.Ordinal);
        Assert.Equal($"Account: {name}", await page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task A_click_on_the_tallest_CLV_bar_opens_its_companies_as_many_as_the_bar()
    {
        using var http = company.Client();
        var bars = (await ChartJson.GetAsync(http, "clv")).Series.Single().Points;
        var tallest = bars.Select((p, i) => (p.Y, i)).Max();
        var page = await _context.NewPageAsync();
        await page.GotoAsync("/?lang=en", new() { WaitUntil = WaitUntilState.Load });
        await Measure(page);

        // The chart lies below the first screen; a click lands only inside the viewport.
        await page.Locator("#chart-clv").ScrollIntoViewIfNeededAsync();
        var box = await page.EvaluateAsync<double[]>("""
            i => {
              const svg = document.querySelector('#chart-clv').contentDocument;
              const r = [...svg.querySelectorAll('a')][i].querySelector('rect').getBoundingClientRect();
              return [r.left + r.width / 2, r.top + r.height / 2];
            }
            """, tallest.i);
        var chart = await page.Locator("#chart-clv").BoundingBoxAsync();

        // A real click inside the bar: the browser follows the SVG's link, sending what it sends for the page.
        var opened = page.WaitForURLAsync(url => url.Contains("/odata/AccountScores", StringComparison.Ordinal), new() { Timeout = 120_000 });
        await page.Mouse.ClickAsync((float)(chart!.X + box[0]), (float)(chart.Y + box[1]));
        await opened;
        var rows = JsonDocument.Parse(await page.InnerTextAsync("body")).RootElement;
        Assert.Equal(tallest.Y, rows.GetProperty("@odata.count").GetInt64());
    }

    [Fact]
    public async Task A_regional_managers_churn_risk_chart_links_only_to_accounts_of_that_region()
    {
        var region = company.Scalar<string>("""
            select a.region from marts.account_tiers t join core.accounts a on a.account_id = t.master_account_id
            where t.tier = 'A' group by a.region order by count(*) desc, a.region limit 1
            """);
        using var http = company.Service.Client(company.Service.Key(Roles.Manager, [region]));
        var svg = await http.GetStringAsync(new Uri("/charts/churn-risk.svg?lang=en", UriKind.Relative));
        var linked = System.Text.RegularExpressions.Regex.Matches(svg, "href=\"/accounts/([^?\"]+)\\?lang=en\"")
            .Select(m => Uri.UnescapeDataString(m.Groups[1].Value)).Order(StringComparer.Ordinal).ToList();
        var expected = company.Rows("""
            select t.master_account_id from marts.account_tiers t join models.current_scores s on s.account_id = t.master_account_id
            join core.accounts a on a.account_id = t.master_account_id
            where t.tier = 'A' and a.region = $1 and s.churn_probability is not null
            """, r => r.GetString(0), region).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, linked);
    }

    /// <summary>
    /// The box of every non-empty text in each chart on the page, and the chart's own, in the chart's pixels. An
    /// &lt;object&gt;'s document is not among Playwright's frames; being of the same site, the page reads it itself.
    /// </summary>
    private static async Task<Dictionary<string, ChartBoxes>> Measure(IPage page)
    {
        var json = await page.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('.charts object')].map(o => {
              const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
              const svg = o.contentDocument?.documentElement;
              const texts = svg ? [...svg.querySelectorAll('text')]
                .map(t => ({ text: t.textContent.trim(), box: box(t) }))
                .filter(t => t.text.length > 0 && t.box[2] > t.box[0]) : [];
              return { id: o.id.slice('chart-'.length), image: svg ? box(svg) : [0, 0, 0, 0], texts };
            }))
            """);
        return JsonSerializer.Deserialize<List<ChartBoxes>>(json, JsonSerializerOptions.Web)!.ToDictionary(c => c.Id);
    }

    private static void AssertApart(Dictionary<string, ChartBoxes> charts)
    {
        var problems = new List<string>();
        foreach (var (name, chart) in charts)
        {
            Assert.True(chart.Texts.Count > 3, $"{name}: only {chart.Texts.Count} texts");
            foreach (var t in chart.Texts.Where(t => !Inside(t.Box, chart.Image)))
            {
                problems.Add($"{name}: '{t.Text}' {Show(t.Box)} leaves the image {Show(chart.Image)}");
            }

            for (var i = 0; i < chart.Texts.Count; i++)
            {
                for (var j = i + 1; j < chart.Texts.Count; j++)
                {
                    if (Overlap(chart.Texts[i].Box, chart.Texts[j].Box))
                    {
                        problems.Add($"{name}: '{chart.Texts[i].Text}' {Show(chart.Texts[i].Box)} overlaps '{chart.Texts[j].Text}' {Show(chart.Texts[j].Box)}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static bool Overlap(double[] a, double[] b) =>
        Math.Min(a[2], b[2]) - Math.Max(a[0], b[0]) > Tolerance && Math.Min(a[3], b[3]) - Math.Max(a[1], b[1]) > Tolerance;

    private static bool Inside(double[] box, double[] image) =>
        box[0] >= image[0] - Tolerance && box[1] >= image[1] - Tolerance && box[2] <= image[2] + Tolerance && box[3] <= image[3] + Tolerance;

    private static string Show(double[] box) =>
        string.Create(CultureInfo.InvariantCulture, $"[{box[0]:0.#},{box[1]:0.#} {box[2]:0.#},{box[3]:0.#}]");

    private sealed record ChartBoxes(string Id, double[] Image, IReadOnlyList<ChartText> Texts);

    private sealed record ChartText(string Text, double[] Box);
}
