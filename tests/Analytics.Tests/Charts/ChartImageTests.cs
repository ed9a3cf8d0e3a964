using System.Xml.Linq;
using Analytics.Tests.Dashboard;
using SkiaSharp;

namespace Analytics.Tests.Charts;

/// <summary>Every chart decodes as an 800 x 450 PNG and as SVG whose text is set in the CJK font, in Chinese.</summary>
[Collection(DashboardCompanyFixture.Collection)]
public sealed class ChartImageTests(DashboardCompanyFixture company)
{
    public static TheoryData<string> Names { get; } =
        ["pareto", "revenue-by-month", "churn-rates", "churn-risk", "sla-compliance", "renewals", "clv", "lifecycle"];

    private readonly HttpClient _http = company.Client();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_chart_is_a_PNG_that_decodes_with_more_than_a_blank_page_on_it(string name)
    {
        using var response = await _http.GetAsync(new Uri($"/charts/{name}.png?lang=zh", UriKind.Relative));
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(bitmap);
        Assert.Equal((800, 450), (bitmap.Width, bitmap.Height));

        // Bars, lines and text in colour: a chart has far more than a few non-grey pixels.
        var coloured = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                coloured += Math.Max(Math.Abs(c.Red - c.Green), Math.Abs(c.Green - c.Blue)) > 40 ? 1 : 0;
            }
        }

        Assert.True(coloured > 200, $"{name}: only {coloured} coloured pixels");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_chart_is_an_SVG_naming_the_CJK_font_with_its_Chinese_title_as_text(string name)
    {
        var title = (await ChartJson.GetAsync(_http, name, "lang=zh")).Title;
        using var response = await _http.GetAsync(new Uri($"/charts/{name}.svg?lang=zh", UriKind.Relative));
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("800", svg.Root!.Attribute("width")?.Value);
        var texts = svg.Descendants(ns + "text").ToList();
        Assert.All(texts, t => Assert.Equal("Noto Sans CJK SC", t.Attribute("font-family")?.Value));
        Assert.Contains(title, texts.Select(t => t.Value.Trim()));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", title);
    }

    [Fact]
    public async Task An_unknown_chart_format_or_parameter_is_refused_with_a_sentence()
    {
        foreach (var (url, status, text) in new[]
        {
            ("/charts/nope.png", 404, "There is no chart 'nope'"),
            ("/charts/pareto.gif", 404, "Charts come as .png, .svg or .json"),
            ("/charts/pareto.png?window=7", 400, "window must be one of 3, 6, 12"),
            ("/charts/pareto.png?tier=D", 400, "tier must be A, B or C"),
            ("/charts/pareto.png?lang=fr", 400, "lang must be zh or en"),
            ("/charts/churn-rates.png?group=planet", 400, "group must be one of"),
            ("/charts/pareto.png?region=Atlantis", 400, "region 'Atlantis' is not one you can see"),
        })
        {
            using var response = await _http.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Contains(text, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
