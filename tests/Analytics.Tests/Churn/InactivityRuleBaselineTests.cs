using Analytics.Models.Churn;
using Analytics.Models.Runs;
using Analytics.Tests.ModelRuns;

namespace Analytics.Tests.Churn;

[Collection(TrainedDemoGroup.Name)]
public sealed class InactivityRuleBaselineTests(TrainedDemoFixture demo)
{
    [Fact]
    public void The_rule_takes_the_months_with_the_best_balanced_accuracy_the_shorter_on_a_tie()
    {
        // Six accounts' days since their last order and whether they churned: churners at 70, 200, 400 days.
        // More than 1 month (30 days) flags 5: all 3 churners, 1 of 3 stayers spared: (1 + 1/3) / 2 = 0.667.
        // More than 2 months (60): flags 70, 130, 200, 400: all churners, 2 of 3 stayers spared: 0.833.
        // 3 and 4 months flag 130, 200, 400: (2/3 + 2/3) / 2 = 0.667. 6 months (180) flags 200, 400: (2/3 + 1) / 2 = 0.833,
        // as good as 2 months, so the shorter wins. 9 and 12 months flag 400 only: (1/3 + 1) / 2 = 0.667.
        var rule = InactivityRuleBaseline.Fit([10, 50, 70, 130, 200, 400], [false, false, true, false, true, true]);
        Assert.Equal(2, rule.Months);
        Assert.Equal("no purchase within 2 months", rule.Name);
        Assert.Equal(3 / 4.0, rule.FlaggedRate, 12);
        Assert.Equal(0.0, rule.UnflaggedRate, 12);
        // 60 days is within 2 months; 61 is not.
        Assert.Equal([0.0, 0.75, 0.0], rule.Predict([45, 61, 60]));
    }

    [Fact]
    public void The_grade_is_against_whichever_baseline_ranks_better_on_the_holdout()
    {
        bool[] churned = [true, false, true, false, false];
        var model = ChurnMetrics.Compute([0.9, 0.8, 0.7, 0.6, 0.2], churned);
        // Recency's regression: churners 0.5 and 0.4 above 4 of the 6 churner-stayer pairs: AUC 2/3.
        var recency = new NamedBaseline("recency alone (logistic regression)", ChurnMetrics.Compute([0.5, 0.6, 0.4, 0.3, 0.2], churned));
        // A rule flagging exactly the churners: AUC 1, so the model (5/6) is not better: F, against the rule.
        var perfectRule = new NamedBaseline("no purchase within 3 months", ChurnMetrics.Compute([0.75, 0, 0.75, 0, 0], churned));
        var againstRule = ChurnEvaluation.Graded(100, 20, model, recency, perfectRule, "out of time");
        Assert.Equal("F", againstRule.Grade);
        Assert.Equal("no purchase within 3 months", againstRule.GradedAgainst);

        // A rule with AUC 3.5/6 is weaker than recency (4/6): the model gains 1/6 on recency but its Brier,
        // (0.01 + 0.64 + 0.09 + 0.36 + 0.04) / 5 = 0.228, is worse than recency's (0.25 + 0.36 + 0.36 + 0.09 + 0.04) / 5 = 0.22: B.
        var weakRule = new NamedBaseline("no purchase within 1 months", ChurnMetrics.Compute([0, 0.75, 0.75, 0, 0], churned));
        Assert.Equal(3.5 / 6, weakRule.Metrics.RocAuc, 12);
        var againstRecency = ChurnEvaluation.Graded(100, 20, model, recency, weakRule, "out of time");
        Assert.Equal("B", againstRecency.Grade);
        Assert.Equal("recency alone (logistic regression)", againstRecency.GradedAgainst);
    }

    [Fact]
    public void Training_names_both_baselines_in_its_report_and_the_registry()
    {
        var evaluation = (ChurnEvaluation)demo.Report.Churn.Evaluation;
        var rule = Assert.IsType<NamedBaseline>(evaluation.BaselineRule);
        Assert.Matches("^no purchase within (1|2|3|4|6|9|12) months$", rule.Name);
        var stronger = rule.Metrics.RocAuc > evaluation.Baseline.RocAuc ? rule.Name : evaluation.BaselineName;
        Assert.Equal(stronger, evaluation.GradedAgainst);
        Assert.Equal(ChurnGrade.Of(evaluation.Model, rule.Metrics.RocAuc > evaluation.Baseline.RocAuc ? rule.Metrics : evaluation.Baseline), evaluation.Grade);

        var stored = demo.Rows(
            "select baseline_metrics->>'name', baseline_metrics->'rule'->>'name', baseline_metrics->'rule'->>'roc_auc', metrics->>'graded_against' from models.model_runs where version = $1",
            r => (Name: r.GetString(0), Rule: r.GetString(1), RuleAuc: r.GetString(2), GradedAgainst: r.GetString(3)),
            demo.Report.Churn.Version).Single();
        Assert.Equal("recency alone (logistic regression)", stored.Name);
        Assert.Equal(rule.Name, stored.Rule);
        Assert.Equal(rule.Metrics.RocAuc, double.Parse(stored.RuleAuc, System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(stronger, stored.GradedAgainst);

        var json = System.Text.Json.JsonDocument.Parse(RunJson.Serialize(demo.Report)).RootElement.GetProperty("churn").GetProperty("evaluation");
        Assert.Equal(rule.Name, json.GetProperty("baseline_rule").GetProperty("name").GetString());
        Assert.Equal(evaluation.Baseline.RocAuc, json.GetProperty("baseline").GetProperty("roc_auc").GetDouble(), 12);
        Assert.Equal(stronger, json.GetProperty("graded_against").GetString());
    }
}
