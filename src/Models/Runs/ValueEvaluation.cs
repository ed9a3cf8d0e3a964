using Analytics.Models.Value;

namespace Analytics.Models.Runs;

/// <summary>The three value methods on the holdout, and the one the rule serves.</summary>
public sealed record ValueEvaluation(int TrainingRows, ValueMetrics Ml, ValueMetrics BgNbd, ValueMetrics Naive, string ServingMethod);
