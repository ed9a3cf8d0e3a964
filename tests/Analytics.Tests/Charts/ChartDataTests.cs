using System.Globalization;
using Analytics.ReportApi.Charts;
using Analytics.Tests.Dashboard;

namespace Analytics.Tests.Charts;

/// <summary>Each chart's numbers against the marts' own figures on the demo company: the picture shows what the warehouse holds.</summary>
[Collection(DashboardCompanyFixture.Collection)]
public sealed class ChartDataTests(DashboardCompanyFixture company)
{
    private readonly HttpClient _http = company.Client();

    private static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_Pareto_curve_over_the_default_window_is_the_marts_curve_and_calls_out_the_headline()
    {
        var chart = await ChartJson.GetAsync(_http, "pareto");
        var curve = company.Rows("select account_share, value_share from marts.pareto_curve order by rank",
            r => (X: r.GetDouble(0) * 100, Y: Convert.ToDecimal(r.GetValue(1), CultureInfo.InvariantCulture) * 100));
        var points = chart.Series.Single().Points;
        Assert.Equal(curve.Count, points.Count);
        Assert.True(curve.Count > 50, $"only {curve.Count} ranked accounts");
        foreach (var (expected, actual) in curve.Zip(points))
        {
            Assert.Equal(expected.X, actual.X, 9);
            Assert.Equal((double)expected.Y, (double)actual.Y, 9);
        }

        var (topAccounts, topShare) = company.Rows("select top_accounts, top_value_share from marts.pareto_headline",
            r => (r.GetInt64(0), Convert.ToDouble(r.GetValue(1), CultureInfo.InvariantCulture) * 100)).Single();
        Assert.Equal($"The top 20% of accounts ({topAccounts}) bring {topShare.ToString("0.0", CultureInfo.InvariantCulture)}% of revenue", chart.Notes.Single());
    }

    [Fact]
    public async Task Revenue_by_month_is_the_orders_net_sales_of_each_month_under_each_tier()
    {
        var chart = await ChartJson.GetAsync(_http, "revenue-by-month", "window=6&lang=en");
        var expected = company.Rows("""
            select date_trunc('month', o.order_date)::date, t.tier, sum(o.net_amount)
            from marts.orders o
            join marts.account_merge_map m using (account_id)
            join marts.account_tiers t using (master_account_id)
            where o.order_date >= (select date_trunc('month', as_of_date) - interval 5 month from marts.as_of)
              and o.order_date <= (select as_of_date from marts.as_of)
            group by all
            """, r => (Month: Month(DateOnly.FromDateTime(r.GetDateTime(0))), Tier: r.GetString(1), Revenue: r.GetDecimal(2)));
        Assert.Equal(6, chart.Categories.Count);
        foreach (var tier in new[] { "A", "B", "C" })
        {
            var series = chart.ByCategory(tier == "A" ? "Tier A (key)" : $"Tier {tier}");
            Assert.Equal(expected.Where(e => e.Tier == tier).ToDictionary(e => e.Month, e => e.Revenue), series);
        }
    }

    [Fact]
    public async Task Churn_rates_by_tier_and_by_region_over_twelve_months_are_the_marts_churn_rates()
    {
        foreach (var (group, dimension) in new[] { ("tier", "tier"), ("region", "region"), ("lifecycle_stage", "lifecycle_stage") })
        {
            var chart = await ChartJson.GetAsync(_http, "churn-rates", $"group={group}&lang=zh");
            var expected = company.Rows("""
                select group_value, churn_rate from marts.churn_rates
                where dimension = $1 and period_end = (select as_of_date from marts.as_of)
                  and period_start = (select date_trunc('month', as_of_date) - interval 11 month from marts.as_of)
                order by group_value
                """, r => (Group: r.GetString(0), Rate: r.GetDouble(1) * 100), dimension);
            Assert.NotEmpty(expected);
            var points = chart.Series.Single().Points;
            Assert.Equal(expected.Count, points.Count);
            foreach (var ((group_, rate), (x, y)) in expected.Zip(points))
            {
                Assert.Equal(rate, (double)y, 9);
                if (dimension == "region")
                {
                    Assert.Equal(group_, chart.Categories[(int)x]);
                }
            }
        }
    }

    [Fact]
    public async Task Churn_risk_plots_every_scored_key_account_at_its_revenue_and_probability_and_names_the_riskiest()
    {
        var chart = await ChartJson.GetAsync(_http, "churn-risk", "lang=zh");
        var expected = company.Rows("""
            select t.value, s.churn_probability, t.name
            from marts.account_tiers t join models.current_scores s on s.account_id = t.master_account_id
            where t.tier = 'A'
            order by s.churn_probability desc, t.master_account_id
            """, r => (Value: r.GetDecimal(0), Probability: r.GetDouble(1) * 100, Name: r.GetString(2)));
        Assert.True(expected.Count > 10);
        Assert.Null(chart.EmptyMessage);
        Assert.Equal("大客户流失风险与价值", chart.Title);
        Assert.Equal("Churn risk vs value, Tier B accounts", (await ChartJson.GetAsync(_http, "churn-risk", "lang=en&tier=B")).Title);
        var points = chart.Series.Single().Points;
        Assert.Equal(expected.Count, points.Count);
        foreach (var (e, p) in expected.Zip(points))
        {
            Assert.Equal((double)e.Value, p.X, 6);
            Assert.Equal(e.Probability, (double)p.Y, 9);
        }

        Assert.Equal("大客户流失风险与价值", chart.Title);
    }

    [Fact]
    public async Task Sla_compliance_is_the_share_of_measured_tickets_within_their_limits_per_month_with_the_target()
    {
        var chart = await ChartJson.GetAsync(_http, "sla-compliance", "window=12&lang=en");
        var expected = company.Rows("""
            select month, 1 - sum(breached_tickets) / sum(measured_tickets)
            from marts.sla_compliance_monthly
            where dimension = 'account' and measured_tickets > 0
              and month >= (select date_trunc('month', as_of_date) - interval 11 month from marts.as_of)
            group by month order by month
            """, r => (Month: Month(DateOnly.FromDateTime(r.GetDateTime(0))), Rate: r.GetDouble(1) * 100));
        Assert.Equal(expected.Select(e => e.Month), chart.Categories);
        foreach (var (e, p) in expected.Zip(chart.Series.Single().Points))
        {
            Assert.Equal(e.Rate, (double)p.Y, 9);
        }
    }

    [Fact]
    public async Task Renewals_count_the_contracts_whose_next_event_falls_within_30_60_and_90_days()
    {
        var chart = await ChartJson.GetAsync(_http, "renewals");
        var expected = company.Rows("""
            select due_within_days, next_event, count(*) from marts.contract_status
            where due_within_days is not null group by all
            """, r => (Days: r.GetInt32(0), Event: r.GetString(1), Contracts: r.GetInt64(2)));
        Assert.NotEmpty(expected);
        foreach (var (series, eventName) in new[] { ("Auto-renewal", "auto_renewal"), ("Ends", "end") })
        {
            Assert.Equal(
                expected.Where(e => e.Event == eventName).ToDictionary(e => $"Within {e.Days} days", e => (decimal)e.Contracts),
                chart.ByCategory(series));
        }
    }

    [Fact]
    public async Task The_lifetime_value_histogram_counts_every_scored_company_once_in_bins_stepping_1_2_5_through_each_power_of_ten()
    {
        var chart = await ChartJson.GetAsync(_http, "clv");
        var values = company.Rows("""
            select s.clv from models.current_scores s join marts.account_tiers t on t.master_account_id = s.account_id
            where s.clv is not null
            """, r => r.GetDecimal(0));
        Assert.Equal(values.Count, chart.Series.Single().Points.Sum(p => p.Y));

        // Each value's bin by the rule, worked in decimals: [1, 2), [2, 5), [5, 10), [10, 20), ...; a value below 1 in the
        // bin from 0 to where the lowest of those bins in use starts.
        static (decimal Start, decimal End) LogBin(decimal v)
        {
            var power = 1m;
            while (v >= power * 10)
            {
                power *= 10;
            }

            return v < 2 * power ? (power, 2 * power) : v < 5 * power ? (2 * power, 5 * power) : (5 * power, 10 * power);
        }

        var firstStart = values.Where(v => v >= 1).Select(v => LogBin(v).Start).DefaultIfEmpty(1).Min();
        (decimal Start, decimal End) Bin(decimal v) => v < 1 ? (0, firstStart) : LogBin(v);

        string Label((decimal Start, decimal End) bin) => $"{ClvChart.Edge(bin.Start, Language.En)}–{ClvChart.Edge(bin.End, Language.En)}";
        var expected = values.GroupBy(Bin).ToDictionary(g => Label(g.Key), g => (decimal)g.Count());
        Assert.True(expected.Count >= 3, $"only {expected.Count} bins");
        Assert.Equal(expected, chart.ByCategory("Accounts").Where(b => b.Value > 0).ToDictionary());

        // From the first bin with a company to the last, with no bin missing between: each ends where the next starts.
        var bins = values.Select(Bin).Distinct().Order().ToList();
        Assert.Equal(Label(bins[0]), chart.Categories[0]);
        Assert.Equal(Label(bins[^1]), chart.Categories[^1]);
        for (var i = 1; i < chart.Categories.Count; i++)
        {
            Assert.Equal(chart.Categories[i - 1].Split('–')[1], chart.Categories[i].Split('–')[0]);
        }
    }

    [Fact]
    public async Task Lifecycle_stages_count_the_companies_in_each_stage_under_each_tier()
    {
        var chart = await ChartJson.GetAsync(_http, "lifecycle", "lang=zh");
        var expected = company.Rows("""
            select lifecycle_stage, tier, count(*) from marts.account_segments where is_master group by all
            """, r => (Stage: r.GetString(0), Tier: r.GetString(1), Accounts: r.GetInt64(2)));
        var stageNames = new Dictionary<string, string>
        {
            ["exploration"] = "考察期", ["formation"] = "形成期", ["stability"] = "稳定期", ["decline"] = "退化期", ["churned"] = "已流失",
        };
        foreach (var (tier, series) in new[] { ("A", "A 类（大客户）"), ("B", "B 类"), ("C", "C 类") })
        {
            Assert.Equal(
                expected.Where(e => e.Tier == tier).ToDictionary(e => stageNames[e.Stage], e => (decimal)e.Accounts),
                chart.ByCategory(series));
        }
    }
}
