using Analytics.Models.Churn;

namespace Analytics.Models.Runs;

/// <summary>The churn model and its recency baseline on the holdout, with the grade of one against the other.</summary>
public sealed record ChurnEvaluation(int TrainingRows, int TrainingChurned, ChurnMetrics Model, ChurnMetrics Baseline, string Grade);
