using Analytics.Models.Runs;
using Analytics.Models.Value;
using Analytics.Tests.ModelRuns;

namespace Analytics.Tests.ValueModel;

[Collection(TrainedDemoGroup.Name)]
public sealed class ValueModelTests(TrainedDemoFixture demo)
{
    [Fact]
    public void The_value_model_beats_same_as_last_period_out_of_time_on_error_and_on_finding_the_top_fifth()
    {
        var e = (ValueEvaluation)demo.Report.Value!.Evaluation;
        Assert.True(e.Ml.Rmse < e.Naive.Rmse, $"RMSE {e.Ml.Rmse:N0} against naive {e.Naive.Rmse:N0}");
        Assert.True(e.Ml.Mae < e.Naive.Mae, $"MAE {e.Ml.Mae:N0} against naive {e.Naive.Mae:N0}");
        Assert.True(e.Ml.Top20Capture > e.Naive.Top20Capture, $"capture {e.Ml.Top20Capture:0.000} against naive {e.Naive.Top20Capture:0.000}");
        Assert.Equal(e.Ml.Accounts, e.BgNbd.Accounts);
        Assert.Equal(ValueMethod.Choose(e.Ml, e.BgNbd), e.ServingMethod);
    }

    [Fact]
    public void Metrics_match_the_hand_computed_values()
    {
        // Errors 5, -1, -1, 1, 2; the predicted top fifth (one account) actually bought 5, the true top one 6.
        var m = ValueMetrics.Compute([10, 0, 5, 1, 2], [5, 1, 6, 0, 0]);
        Assert.Equal(Math.Sqrt(32.0 / 5), m.Rmse, 12);
        Assert.Equal(2.0, m.Mae, 12);
        Assert.Equal(5.0 / 6, m.Top20Capture, 12);
    }

    [Fact]
    public void The_rule_serves_the_better_top_fifth_and_breaks_near_ties_by_MAE()
    {
        Assert.Equal(ValueMethod.BgNbd, ValueMethod.Choose(new ValueMetrics(10, 5, 3, 0.90), new ValueMetrics(10, 9, 9, 0.92)));
        Assert.Equal(ValueMethod.Ml, ValueMethod.Choose(new ValueMetrics(10, 5, 3, 0.918), new ValueMetrics(10, 9, 9, 0.92)));
    }

    [Fact]
    public void Both_forecasts_are_stored_and_the_serving_method_drives_the_predicted_value()
    {
        var method = ((ValueEvaluation)demo.Report.Value!.Evaluation).ServingMethod;
        var column = method == ValueMethod.Ml ? "value_ml" : "value_bgnbd";
        Assert.Equal(0L, demo.Scalar<long>($"select count(*) from models.account_scores where score_run_id = $1 and predicted_value is distinct from {column}", demo.ScoreRun.ScoreRunId));
        Assert.Equal(demo.Scalar<long>("select count(*) from models.account_scores where score_run_id = $1 and value_ml is not null", demo.ScoreRun.ScoreRunId),
            demo.Scalar<long>("select count(*) from models.account_scores where score_run_id = $1 and value_bgnbd is not null", demo.ScoreRun.ScoreRunId));
        // BG/NBD's value is its expected purchases times its expected spend, to the cent of each.
        var off = demo.Scalar<long>("""
            select count(*) from models.account_scores where score_run_id = $1
              and abs(value_bgnbd - expected_purchases * expected_spend) > 0.01 + expected_purchases * 0.005
            """, demo.ScoreRun.ScoreRunId);
        Assert.Equal(0L, off);
    }
}
