using Analytics.Models.Runs;
using Analytics.Warehouse.Features;

namespace Analytics.Tests.ModelRuns;

[Collection(TrainedDemoGroup.Name)]
public sealed class ServingRuleTests(TrainedDemoFixture demo)
{
    private static readonly string[] Features = ["recency_days", "orders_90d"];

    private static ModelRunRecord Run(string version, IReadOnlyList<string> features) =>
        new(1, "churn", version, "FastTree", DateTimeOffset.UnixEpoch, 1, null, null, null, features, "{}", null, true, "first run of this model", [1]);

    [Fact]
    public void The_first_run_of_a_model_serves()
    {
        var decision = ServingDecision.Decide(null, Features, notWorse: false, () => "");
        Assert.Equal(new ServingDecision(true, "first run of this model"), decision);
    }

    [Fact]
    public void A_run_worse_on_the_same_holdout_leaves_the_previous_one_serving()
    {
        var decision = ServingDecision.Decide(Run("churn-20260101-1", Features), Features, notWorse: false, () => "ROC AUC 0.8000 against 0.8100");
        Assert.False(decision.Serves);
        Assert.Equal("worse than churn-20260101-1 on the same holdout, which keeps serving: ROC AUC 0.8000 against 0.8100", decision.Reason);
    }

    [Fact]
    public void A_serving_run_on_other_features_cannot_be_compared_so_the_new_run_serves()
    {
        var decision = ServingDecision.Decide(Run("churn-20260101-1", ["recency_days"]), Features, notWorse: false, () => "");
        Assert.True(decision.Serves);
        Assert.StartsWith("churn-20260101-1 was trained on other features", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Retraining_on_the_same_data_is_not_worse_so_the_new_run_takes_over_and_one_run_serves_per_model()
    {
        var again = new TrainingPass(demo.Database).Run();

        // Fixed seeds: the same warehouse gives the same model, so the same holdout AUC, which is "not worse".
        var first = (ChurnEvaluation)demo.Report.Churn.Evaluation;
        var second = (ChurnEvaluation)again.Churn.Evaluation;
        Assert.Equal(first.Model.RocAuc, second.Model.RocAuc);
        Assert.True(again.Churn.IsServing);
        Assert.StartsWith($"not worse than {demo.Report.Churn.Version} on the same holdout: ROC AUC", again.Churn.ServingReason, StringComparison.Ordinal);
        Assert.True(again.Value!.IsServing);
        Assert.Equal(1L, demo.Scalar<long>("select count(*) from models.model_runs where model = 'churn' and is_serving"));
        Assert.Equal(1L, demo.Scalar<long>("select count(*) from models.model_runs where model = 'value' and is_serving"));
        Assert.Equal(again.Churn.Version, demo.Scalar<string>("select version from models.model_runs where model = 'churn' and is_serving"));
    }

    [Fact]
    public void A_run_stores_its_version_data_window_features_metrics_baseline_and_artifact()
    {
        var row = demo.Rows(
            "select train_from, train_to, holdout_cutoff, len(features), metrics->>'roc_auc', baseline_metrics->>'roc_auc', octet_length(artifact), algorithm from models.model_runs where version = $1",
            r => (From: r.GetDateTime(0), To: r.GetDateTime(1), Holdout: r.GetDateTime(2), Features: r.GetInt64(3), Auc: r.GetString(4), Baseline: r.GetString(5), Bytes: r.GetInt64(6), Algorithm: r.GetString(7)),
            demo.Report.Churn.Version).Single();
        var evaluation = (ChurnEvaluation)demo.Report.Churn.Evaluation;
        Assert.Equal(demo.Report.TrainingCutoffs[0].ToDateTime(TimeOnly.MinValue), row.From);
        Assert.Equal(demo.Report.TrainingCutoffs[^1].ToDateTime(TimeOnly.MinValue), row.To);
        Assert.Equal(demo.Report.HoldoutCutoff.ToDateTime(TimeOnly.MinValue), row.Holdout);
        Assert.Equal(demo.Report.Features.Count, row.Features);
        Assert.Equal(evaluation.Model.RocAuc, double.Parse(row.Auc, System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(evaluation.Baseline.RocAuc, double.Parse(row.Baseline, System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.True(row.Bytes > 1000, $"the model zip has {row.Bytes} bytes");
        Assert.Equal("FastTree", row.Algorithm);
    }

    [Fact]
    public void The_holdout_lies_after_every_training_outcome()
    {
        var r = demo.Report;
        Assert.Equal(new DateOnly(2025, 12, 31), r.AsOf);
        Assert.Equal(r.AsOf.AddDays(-r.HorizonDays), r.HoldoutCutoff);
        Assert.Equal(4, r.TrainingCutoffs.Count);
        Assert.All(r.TrainingCutoffs, c => Assert.True(c.AddDays(r.HorizonDays) <= r.HoldoutCutoff));
    }
}
