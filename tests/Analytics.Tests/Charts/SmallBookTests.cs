using Analytics.Tests.Support;

namespace Analytics.Tests.Charts;

/// <summary>The small book's figures by hand, as the charts and the page show them to the whole warehouse and to one region.</summary>
public sealed class SmallBookTests(SmallBook book) : IClassFixture<SmallBook>
{
    [Fact]
    public async Task Revenue_stacks_each_tier_to_the_cent()
    {
        var chart = await ChartJson.GetAsync(book.Client(), "revenue-by-month");
        Assert.Equal(["2025-03"], chart.Categories);
        Assert.Equal(150.50m, chart.ByCategory("Tier A (key)")["2025-03"]);
        Assert.Equal(30.00m, chart.ByCategory("Tier B")["2025-03"]);
        Assert.Equal(2, chart.Series.Count);
    }

    [Fact]
    public async Task A_region_limited_scope_sees_only_its_region_in_charts_tiles_and_filters()
    {
        var north = book.Client(regions: "华北");
        var chart = await ChartJson.GetAsync(north, "revenue-by-month");
        Assert.Equal(30.00m, Assert.Single(chart.Series).Points.Single().Y);
        var pareto = await ChartJson.GetAsync(north, "pareto");
        Assert.Equal((100d, 100m), Assert.Single(pareto.Series.Single().Points));

        var page = await north.GetStringAsync(new Uri("/?lang=en", UriKind.Relative));
        Assert.Contains("<div class=\"tile\" id=\"tile-revenue\"><span class=\"label\">Revenue, last 12 months</span><span class=\"value\" title=\"CNY 30.00\">CNY 30</span></div>", page, StringComparison.Ordinal);
        Assert.Contains("北京乙方有限公司", page, StringComparison.Ordinal);
        Assert.DoesNotContain("上海甲方有限公司", page, StringComparison.Ordinal);
        Assert.DoesNotContain("华东", page, StringComparison.Ordinal);

        using var other = await north.GetAsync(new Uri("/charts/pareto.json?region=华东", UriKind.Relative));
        Assert.Equal(400, (int)other.StatusCode);
        Assert.Equal("\"region '华东' is not one you can see; regions: 华北.\"", await other.Content.ReadAsStringAsync());

        // The whole-warehouse view, asked after the limited one, is not served the limited one's cached figures.
        var all = await ChartJson.GetAsync(book.Client(), "revenue-by-month");
        Assert.Equal(180.50m, all.Series.Sum(s => s.Points.Sum(p => p.Y)));
        var allPage = await book.Client().GetStringAsync(new Uri("/?lang=en", UriKind.Relative));
        Assert.Contains("<span class=\"value\" title=\"CNY 180.50\">CNY 181</span>", allPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_any_score_run_the_score_charts_and_tiles_say_there_are_no_scores_yet()
    {
        foreach (var name in new[] { "churn-risk", "clv" })
        {
            var chart = await ChartJson.GetAsync(book.Client(), name);
            Assert.Equal("No scores yet: shown once the models have scored the accounts", chart.EmptyMessage);
            Assert.Empty(chart.Series.Single().Points);
        }

        var page = await book.Client().GetStringAsync(new Uri("/?lang=en", UriKind.Relative));
        Assert.Contains("<span class=\"label\">Key accounts at high churn risk</span><span class=\"value\">no scores yet</span>", page, StringComparison.Ordinal);
    }
}
