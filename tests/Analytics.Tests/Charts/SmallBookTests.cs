using Analytics.Tests.Dashboard;
using Analytics.Tests.Support;

namespace Analytics.Tests.Charts;

/// <summary>
/// Three accounts small enough to add up by hand: 华东's A1 buys 100.00 + 50.50, 华北's A2 buys 30.00, 华南's A3 buys
/// nothing. A1 brings 150.50 / 180.50 = 83.4% (tier A: nothing before it), A2 is B (83.4% before it, below 95%), A3 C.
/// </summary>
public sealed class SmallBookTests : IAsyncLifetime, IDisposable
{
    private readonly TestWarehouse _warehouse = new();
    private DashboardHost _host = null!;

    public async Task InitializeAsync()
    {
        _warehouse.LoadText("accounts.csv", """
            account_id,name,tax_id,industry,region,city,owner,created_on
            A1,上海甲方有限公司,91310000AAAAAAAA1,制造,华东,上海,王,2024-01-01
            A2,北京乙方有限公司,91110000BBBBBBBB2,零售,华北,北京,李,2024-01-01
            A3,广州丙方有限公司,91440000CCCCCCCC3,金融,华南,广州,张,2024-01-01
            """);
        _warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            O1,A1,2025-03-05,phone,,100.00,,,
            O2,A1,2025-03-20,phone,,50.50,,,
            O3,A2,2025-03-10,form,,30.00,,,
            """);
        _warehouse.RefreshMarts();
        _host = await DashboardHost.StartAsync(_warehouse.Database);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public async Task Revenue_stacks_each_tier_to_the_cent()
    {
        var chart = await ChartJson.GetAsync(_host.Client(), "revenue-by-month");
        Assert.Equal(["2025-03"], chart.Categories);
        Assert.Equal(150.50m, chart.ByCategory("Tier A (key)")["2025-03"]);
        Assert.Equal(30.00m, chart.ByCategory("Tier B")["2025-03"]);
        Assert.Equal(2, chart.Series.Count);
    }

    [Fact]
    public async Task A_region_limited_scope_sees_only_its_region_in_charts_tiles_and_filters()
    {
        var north = _host.Client(regions: "华北");
        var chart = await ChartJson.GetAsync(north, "revenue-by-month");
        Assert.Equal(30.00m, Assert.Single(chart.Series).Points.Single().Y);
        var pareto = await ChartJson.GetAsync(north, "pareto");
        Assert.Equal((100d, 100m), Assert.Single(pareto.Series.Single().Points));

        var page = await north.GetStringAsync(new Uri("/?lang=en", UriKind.Relative));
        Assert.Contains("<div class=\"tile\" id=\"tile-revenue\"><span class=\"label\">Revenue, last 12 months</span><span class=\"value\">CNY 30</span></div>", page, StringComparison.Ordinal);
        Assert.Contains("北京乙方有限公司", page, StringComparison.Ordinal);
        Assert.DoesNotContain("上海甲方有限公司", page, StringComparison.Ordinal);
        Assert.DoesNotContain("华东", page, StringComparison.Ordinal);

        using var other = await north.GetAsync(new Uri("/charts/pareto.json?region=华东", UriKind.Relative));
        Assert.Equal(400, (int)other.StatusCode);
        Assert.Equal("\"region '华东' is not one you can see; regions: 华北.\"", await other.Content.ReadAsStringAsync());

        // The whole-warehouse view, asked after the limited one, is not served the limited one's cached figures.
        var all = await ChartJson.GetAsync(_host.Client(), "revenue-by-month");
        Assert.Equal(180.50m, all.Series.Sum(s => s.Points.Sum(p => p.Y)));
    }

    [Fact]
    public async Task Before_any_score_run_the_score_charts_and_tiles_say_there_are_no_scores_yet()
    {
        foreach (var name in new[] { "churn-risk", "clv" })
        {
            var chart = await ChartJson.GetAsync(_host.Client(), name);
            Assert.Equal("No scores yet: shown once the models have scored the accounts", chart.EmptyMessage);
            Assert.Empty(chart.Series.Single().Points);
        }

        var page = await _host.Client().GetStringAsync(new Uri("/?lang=en", UriKind.Relative));
        Assert.Contains("<span class=\"label\">Key accounts at high churn risk</span><span class=\"value\">no scores yet</span>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_score_run_or_a_new_load_replaces_what_the_cache_held()
    {
        var http = _host.Client();
        Assert.NotNull((await ChartJson.GetAsync(http, "churn-risk")).EmptyMessage);
        using (var connection = _warehouse.Connect())
        {
            Scores.Write(connection, 1, seed: 3);
        }

        var scored = await ChartJson.GetAsync(http, "churn-risk");
        Assert.Null(scored.EmptyMessage);
        var probability = _warehouse.Scalar<double>("select churn_probability from models.current_scores where account_id = 'A1'");
        Assert.Equal(probability * 100, (double)scored.Series.Single().Points.Single().Y, 9);

        _warehouse.LoadText("orders_2.csv", """
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            O4,A3,2025-03-25,phone,,19.50,,,
            """);
        _warehouse.RefreshMarts();
        var page = await http.GetStringAsync(new Uri("/?lang=en", UriKind.Relative));
        Assert.Contains("<span class=\"label\">Revenue, last 12 months</span><span class=\"value\">CNY 200</span>", page, StringComparison.Ordinal);
    }
}
