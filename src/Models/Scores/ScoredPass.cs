namespace Analytics.Models.Scores;

/// <summary>
/// Everything one scoring pass computed, before it is stored: the serving churn and value runs' figures per master
/// account, and the lifetime scores. <see cref="ScoreStore"/> writes it as one complete row per account.
/// </summary>
public sealed record ScoredPass(
    DateOnly AsOf,
    long DataVersion,
    string? ChurnVersion,
    string? ValueVersion,
    IReadOnlyList<MasterScore> Masters,
    LifetimeScores Lifetime);
