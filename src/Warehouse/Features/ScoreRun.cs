namespace Analytics.Warehouse.Features;

/// <summary>A scoring pass as models.score_runs records it: which model versions scored, as of which day.</summary>
public sealed record ScoreRun(long ScoreRunId, DateTimeOffset ScoredAt, DateOnly AsOf, long DataVersion, string? ChurnVersion, string? ValueVersion, long Accounts);
