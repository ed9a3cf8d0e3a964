namespace Analytics.Models.Runs;

/// <summary>One row of models.model_runs: a training of one model, its holdout evaluation and its artifact.</summary>
public sealed record ModelRunRecord(
    long RunId,
    string Model,
    string Version,
    string Algorithm,
    DateTimeOffset TrainedAt,
    long DataVersion,
    DateOnly? TrainFrom,
    DateOnly? TrainTo,
    DateOnly? HoldoutCutoff,
    IReadOnlyList<string> Features,
    string MetricsJson,
    string? BaselineMetricsJson,
    bool IsServing,
    string? ServingReason,
    byte[]? Artifact);
