using System.Text.Json;
using Analytics.Models.Monitoring;
using Analytics.Models.Runs;
using Analytics.ReportApi.Access;
using Analytics.Tests.Security;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Monitoring;

/// <summary>Issue 19, items 1 and 2 on the demo: backfilled passes evaluated, the ModelMonitoring set, drift and its alerts.</summary>
public sealed class MonitoredDemoTests(MonitoredDemoFixture demo) : IClassFixture<MonitoredDemoFixture>
{
    private const string East = "华东";

    [Fact]
    public void The_backfill_scores_four_past_days_a_month_apart_and_evaluates_each_at_once()
    {
        var holdout = demo.Training.HoldoutCutoff;
        Assert.Equal([holdout.AddDays(-90), holdout.AddDays(-60), holdout.AddDays(-30), holdout], demo.Backfill.Select(b => b.Pass.AsOf));
        Assert.All(demo.Backfill, b => Assert.Contains(b.Evaluated, o => o.ScoreRunId == b.Pass.ScoreRunId && o.Model == "churn" && o.IsOverall));
        Assert.All(demo.Backfill, b => Assert.Contains(b.Evaluated, o => o.ScoreRunId == b.Pass.ScoreRunId && o.Model == "value" && o.IsOverall));
        Assert.Equal([false, false, false, true], demo.Backfill.Select(b => b.Evaluated.First(o => o.IsOverall).OutOfTime));

        // Today's pass is the latest (current_scores), and its horizon has not passed.
        Assert.True(demo.Today.Pass.ScoreRunId > demo.Backfill[^1].Pass.ScoreRunId);
        Assert.Empty(demo.Today.Evaluated);
    }

    [Fact]
    public void The_pass_on_the_holdout_cutoff_realises_exactly_the_holdout_figures_of_training()
    {
        // Same day, same companies, same model: the pass's outcome is the training's out-of-time evaluation.
        var holdout = ((ChurnEvaluation)demo.Training.Churn.Evaluation).Model;
        var realised = demo.Backfill[^1].Evaluated.Single(o => o.Model == "churn" && o.IsOverall);
        Assert.Equal(holdout.Accounts, realised.Accounts);
        Assert.Equal(holdout.Churned, realised.Churned);
        Assert.Equal(holdout.RocAuc, realised.RocAuc!.Value, 6);
        Assert.Equal(holdout.PrAuc, realised.PrAuc!.Value, 6);
        Assert.Equal(holdout.Brier, realised.Brier!.Value, 6);
        Assert.Equal(holdout.RocAuc, realised.TrainedRocAuc!.Value, 9);
    }

    [Fact]
    public void The_steady_demo_raises_no_alert_on_any_pass_though_its_accounts_age_past_the_training_days()
    {
        // Before tenure was measured relative to the day and the score against the holdout: every pass alerted on
        // tenure_days (PSI 1.8-2.4, 59-74% out of range) and on churn_probability (PSI 0.46-0.58).
        var passes = demo.Backfill.Append(demo.Today).ToList();
        Assert.All(passes, p => Assert.True(p.Alerts.Count == 0, string.Join("; ", p.Alerts.Select(a => a.Describe()))));
        Assert.All(passes, p => Assert.Equal(0, p.Drift.Single(d => d.Quantity == "tenure_days").Check.OutOfRangeShare));

        // The pass on the holdout cutoff scores the very accounts, days and model the score's reference was built from.
        Assert.Equal(0, demo.Backfill[^1].Drift.Single(d => d.Quantity == PassDrift.Score).Check.Psi, 12);
    }

    [Fact]
    public async Task ModelMonitoring_gives_every_evaluated_pass_by_region_and_tier_and_an_east_key_only_the_east_s_rows()
    {
        using var service = new AnalyticsFactory(demo.Database);
        using var admin = service.Client(service.Key(Roles.Admin));
        var rows = await RegionBook.Rows(admin, "/odata/ModelMonitoring");
        var passes = demo.Backfill.Select(b => b.Pass.ScoreRunId).ToList();
        Assert.Equal(passes, rows.Select(r => r.GetProperty("ScoreRunId").GetInt64()).Distinct().Order());
        foreach (var pass in passes)
        {
            foreach (var model in new[] { "churn", "value" })
            {
                var ofPass = rows.Where(r => r.GetProperty("ScoreRunId").GetInt64() == pass && r.GetProperty("Model").GetString() == model).ToList();
                var all = ofPass.Single(r => Text(r, "Region") == "all" && Text(r, "Tier") == "all");
                var byRegion = ofPass.Where(r => Text(r, "Region") != "all" && Text(r, "Tier") == "all").ToList();
                var byTier = ofPass.Where(r => Text(r, "Region") == "all" && Text(r, "Tier") != "all").ToList();
                Assert.Equal(Long(all, "Accounts"), byRegion.Sum(r => Long(r, "Accounts")));
                Assert.Equal(Long(all, "Accounts"), byTier.Sum(r => Long(r, "Accounts")));
                Assert.Contains(byRegion, r => Text(r, "Region") == East);
                if (model == "churn")
                {
                    Assert.Equal(Long(all, "Churned"), byRegion.Sum(r => Long(r, "Churned")));
                    Assert.InRange(all.GetProperty("RocAuc").GetDouble(), 0.6, 1.0);
                    Assert.All(byRegion, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("TrainedRocAuc").ValueKind));
                }
                else
                {
                    Assert.Equal(all.GetProperty("RealisedValue").GetDecimal(), byRegion.Sum(r => r.GetProperty("RealisedValue").GetDecimal()));
                    Assert.InRange(all.GetProperty("Top20Capture").GetDouble(), 0.5, 1.0);
                }
            }
        }

        using var east = service.Client(service.Key(Roles.Manager, [East]));
        var eastRows = await RegionBook.Rows(east, "/odata/ModelMonitoring");
        Assert.NotEmpty(eastRows);
        Assert.All(eastRows, r => Assert.Equal(East, Text(r, "Region")));
        Assert.Equal(
            rows.Where(r => Text(r, "Region") == East).Select(r => r.GetRawText()).Order(StringComparer.Ordinal),
            eastRows.Select(r => r.GetRawText()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_monitoring_chart_draws_the_passes_and_an_east_key_s_chart_is_the_admin_s_chart_of_the_east()
    {
        using var service = new AnalyticsFactory(demo.Database);
        using var admin = service.Client(service.Key(Roles.Admin));
        using var east = service.Client(service.Key(Roles.Manager, [East]));
        var whole = await RegionBook.Text(admin, "/charts/model-monitoring.json?lang=en");
        Assert.Contains("Realised ROC AUC", whole, StringComparison.Ordinal);
        Assert.Contains("At training", whole, StringComparison.Ordinal);
        var eastChart = await RegionBook.Text(east, "/charts/model-monitoring.json?lang=en");
        Assert.Equal(await RegionBook.Text(admin, $"/charts/model-monitoring.json?lang=en&region={Uri.EscapeDataString(East)}"), eastChart);
        Assert.Contains(East, eastChart, StringComparison.Ordinal);
        Assert.DoesNotContain("At training", eastChart, StringComparison.Ordinal);
        Assert.Contains("<svg", await RegionBook.Text(admin, "/charts/model-monitoring.svg?lang=zh"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_monitoring_point_links_to_its_one_ModelMonitoring_row_and_an_east_key_s_only_to_east_rows()
    {
        using var service = new AnalyticsFactory(demo.Database);
        foreach (var key in new[] { service.Key(Roles.Manager), service.Key(Roles.Manager, [East]) })
        {
            using var http = service.Client(key);
            var chart = JsonDocument.Parse(await RegionBook.Text(http, "/charts/model-monitoring.json?lang=en")).RootElement;
            var points = chart.GetProperty("series").EnumerateArray().SelectMany(s => s.GetProperty("points").EnumerateArray()).ToList();
            var links = await Charts.ChartLinkTests.Links(http, "model-monitoring", "lang=en");
            Assert.Equal(points.Count, links.Count);
            Assert.True(points.Count >= 4, $"{points.Count} points");
            foreach (var (point, link) in points.Zip(links))
            {
                var row = Assert.Single((await Charts.ChartLinkTests.OData(http, link)).GetProperty("value").EnumerateArray());
                Assert.Equal(point.GetProperty("y").GetDouble(), row.GetProperty("RocAuc").GetDouble(), 9);
            }
        }
    }

    [Fact]
    public async Task Sla_breaches_tripled_in_a_copy_of_the_demo_raise_a_drift_alert_in_one_pass_on_health_and_the_dashboard()
    {
        // The undrifted pass: SLA breaches as in training.
        var calm = demo.Today.Drift.Single(d => d.Quantity == "sla_breaches_90d");
        Assert.True(calm.Check.Psi < 0.25, $"PSI {calm.Check.Psi} without drift");
        Assert.DoesNotContain(demo.Today.Alerts, a => a.Subject == "sla_breaches_90d");

        using (var connection = demo.Drifted.Connect())
        {
            // Every ticket of the last 90 days whose response or visit came late gets two twins: breaches tripled.
            var added = connection.Execute("""
                insert into core.tickets by name
                select t.* replace (t.ticket_id || '-twin' || k.n::varchar as ticket_id)
                from core.tickets t
                join marts.ticket_sla s using (ticket_id)
                cross join range(1, 3) k(n)
                where (s.response_met = false or s.onsite_met = false)
                    and t.opened_at >= (select as_of_date from marts.as_of) - 90
                """);
            Assert.True(added > 0);
            new Warehouse.Marts.MartBuilder(connection).Refresh();
        }

        var report = new PassMonitor(demo.Drifted).Check(new ScoringPass(demo.Drifted).Run());
        var drifted = report.Drift.Single(d => d.Quantity == "sla_breaches_90d");
        Assert.True(report.Alerts.Any(a => a.Kind == "psi" && a.Subject == "sla_breaches_90d"),
            $"PSI {drifted.Check.Psi} (without drift {calm.Check.Psi}); alerts: {string.Join("; ", report.Alerts.Select(a => a.Describe()))}");
        Assert.Equal(drifted.Check.Psi, report.Alerts.Single(a => a.Kind == "psi" && a.Subject == "sla_breaches_90d").Value);

        using var service = new AnalyticsFactory(demo.Drifted);
        using var anyone = service.Client();
        var health = JsonDocument.Parse(await RegionBook.Text(anyone, "/health")).RootElement;
        Assert.Contains(health.GetProperty("modelAlerts").EnumerateArray(),
            a => a.GetProperty("kind").GetString() == "psi" && a.GetProperty("subject").GetString() == "sla_breaches_90d");

        using var admin = service.Client(service.Key(Roles.Admin));
        var page = await RegionBook.Text(admin, "/?lang=en");
        Assert.Contains("id=\"model-alerts\"", page, StringComparison.Ordinal);
        Assert.Contains("sla_breaches_90d drifted: population stability index", page, StringComparison.Ordinal);
        using var east = service.Client(service.Key(Roles.Manager, [East]));
        Assert.DoesNotContain("model-alerts", await RegionBook.Text(east, "/?lang=en"), StringComparison.Ordinal);
    }

    private static string Text(JsonElement row, string name) => row.GetProperty(name).GetString()!;

    private static long Long(JsonElement row, string name) => row.GetProperty(name).GetInt64();
}
