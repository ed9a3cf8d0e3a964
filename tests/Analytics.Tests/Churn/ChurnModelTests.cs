using System.Text.Json;
using Analytics.Models.Churn;
using Analytics.Models.Features;
using Analytics.Models.Runs;
using Analytics.Tests.ModelRuns;
using Analytics.Warehouse.Features;

namespace Analytics.Tests.Churn;

[Collection(TrainedDemoGroup.Name)]
public sealed class ChurnModelTests(TrainedDemoFixture demo)
{
    [Fact]
    public void The_churn_model_beats_recency_alone_out_of_time()
    {
        var evaluation = (ChurnEvaluation)demo.Report.Churn.Evaluation;
        Assert.True(evaluation.Model.RocAuc > evaluation.Baseline.RocAuc,
            $"model ROC AUC {evaluation.Model.RocAuc:0.000} against recency alone {evaluation.Baseline.RocAuc:0.000}");
        Assert.True(evaluation.Model.PrAuc > evaluation.Baseline.PrAuc);
        Assert.NotEqual("F", evaluation.Grade);
        Assert.InRange(evaluation.Model.Churned, 50, evaluation.Model.Accounts / 2);
    }

    [Fact]
    public void Metrics_match_the_hand_computed_values()
    {
        // Churners at 0.9 and 0.7, stayers at 0.8, 0.6, 0.2: 5 of the 6 churner-stayer pairs are in order.
        var m = ChurnMetrics.Compute([0.9, 0.8, 0.7, 0.6, 0.2], [true, false, true, false, false]);
        Assert.Equal(5.0 / 6, m.RocAuc, 12);
        Assert.Equal((1 + (2.0 / 3)) / 2, m.PrAuc, 12);
        Assert.Equal(1 / 0.4, m.TopDecileLift, 12);
        Assert.Equal((0.01 + 0.64 + 0.09 + 0.36 + 0.04) / 5, m.Brier, 12);
        Assert.Equal(1, m.Reliability[9].Accounts);
        Assert.Equal(1.0, m.Reliability[9].ChurnRate);
        Assert.Equal(1, m.Reliability[8].Accounts);
        Assert.Equal(0.0, m.Reliability[8].ChurnRate);
        // |0.9-1| + |0.8-0| + |0.7-1| + |0.6-0| + |0.2-0|, each alone in its bin, over 5 accounts.
        Assert.Equal((0.1 + 0.8 + 0.3 + 0.6 + 0.2) / 5, m.CalibrationError, 12);
    }

    [Fact]
    public void Tied_probabilities_earn_half_credit()
    {
        Assert.Equal(0.5, ChurnMetrics.Compute([0.3, 0.3], [true, false]).RocAuc);
    }

    [Fact]
    public void Every_active_account_gets_a_probability_a_band_by_the_cut_points_and_reasons()
    {
        var rows = demo.Rows("""
            select s.churn_probability, s.churn_risk_band, s.churn_reasons::varchar from models.account_scores s
            where s.score_run_id = $1 and s.churn_probability is not null
            """, r => (P: r.GetDouble(0), Band: r.GetString(1), Reasons: r.GetString(2)), demo.ScoreRun.ScoreRunId);
        var active = demo.Scalar<long>("""
            select count(*) from core.accounts a join marts.account_merge_map m using (account_id)
            where m.master_account_id in (select master_account_id from marts.account_segments where churned_on is null)
              and m.master_account_id in (select m2.master_account_id from marts.orders o join marts.account_merge_map m2 using (account_id))
            """);
        Assert.Equal(active, rows.Count);
        Assert.All(rows, r => Assert.Equal(r.P >= 0.40 ? "high" : r.P >= 0.15 ? "medium" : "low", r.Band));
        Assert.Contains(rows, r => r.Band == "high");
        foreach (var (_, _, json) in rows.Take(200))
        {
            var reasons = JsonSerializer.Deserialize<List<ChurnReason>>(json)!;
            Assert.InRange(reasons.Count, 1, 6);
            Assert.True(reasons.Count(x => x.Effect > 0) <= 3 && reasons.Count(x => x.Effect < 0) <= 3);
            // Raising reasons first, strongest first, then the lowering ones, strongest first, worded as lowering.
            Assert.Equal(
                reasons.Where(x => x.Effect > 0).OrderByDescending(x => x.Effect).Concat(reasons.Where(x => x.Effect < 0).OrderBy(x => x.Effect)).Select(x => x.Feature),
                reasons.Select(x => x.Feature));
            Assert.All(reasons, x => Assert.Equal(
                x.Raises ? FeatureWords.Describe(x.Feature, x.Value) : FeatureWords.Lowering(x.Feature, FeatureWords.Describe(x.Feature, x.Value)), (x.En, x.Zh)));
        }
    }

    [Fact]
    public void Reasons_read_as_a_manager_says_them_in_English_and_Chinese()
    {
        Assert.Equal(("3 SLA breaches in 90 days", "90天内3次SLA违约"), FeatureWords.Describe("sla_breaches_90d", 3));
        Assert.Equal(("1 complaint in 90 days", "90天内1次投诉"), FeatureWords.Describe("complaints_90d", 1));
        Assert.Equal(("last order 47 days ago", "最近一次下单在47天前"), FeatureWords.Describe("recency_days", 47));
        Assert.Equal(("sales down 50% on the 6 months before", "销售额比前6个月下降50%"), FeatureWords.Describe("revenue_trend", -1.0 / 3));
        Assert.Equal(("¥12,346 overdue", "逾期未付¥12,346"), FeatureWords.Describe("overdue_amount", 12345.6));
    }

    [Fact]
    public void Every_feature_the_SQL_computes_has_words()
    {
        Assert.Equal(25, demo.Report.Features.Count);
        Assert.All(demo.Report.Features, f => Assert.True(FeatureWords.Knows(f), $"{f} has no words"));
    }

    [Fact]
    public void The_strongest_reasons_each_way_are_kept_and_negligible_ones_dropped()
    {
        var reasons = ChurnReason.Top(["sla_breaches_90d", "recency_days", "complaints_90d", "orders_90d"], [3, 20, 0, 5], [0.8f, -0.3f, 0.001f, -0.5f], 1);
        Assert.Equal(["sla_breaches_90d", "orders_90d"], reasons.Select(r => r.Feature));
        Assert.Equal("""[{"feature":"sla_breaches_90d","value":3,"effect":0.8,"en":"3 SLA breaches in 90 days","zh":"90天内3次SLA违约","raises":true},{"feature":"orders_90d","value":5,"effect":-0.5,"en":"ordering more than most churners (5 orders in 90 days)","zh":"下单比多数流失客户多(90天内5笔订单)","raises":false}]""",
            ChurnReason.ToJson(reasons));
    }
}
