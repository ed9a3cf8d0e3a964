namespace Analytics.Models.Runs;

/// <summary>What a training stored for one model: its version, whether it serves and why, and its evaluation.</summary>
public sealed record TrainedRun(string Model, string Version, string Algorithm, bool IsServing, string ServingReason, object Evaluation);

/// <summary>
/// One training pass: the cutoffs it used and a run per model. Where churn is a label learned from attributes there
/// are no cutoffs (the holdout is stratified, HoldoutCutoff is as_of) and no value model (Value is null: no orders).
/// </summary>
public sealed record TrainingReport(DateOnly AsOf, IReadOnlyList<DateOnly> TrainingCutoffs, DateOnly HoldoutCutoff, int HorizonDays, IReadOnlyList<string> Features, TrainedRun Churn, TrainedRun? Value);
