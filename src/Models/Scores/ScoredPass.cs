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
    LifetimeScores Lifetime)
{
    /// <summary>The pass's next best actions per master account (none for a backfilled or label-only pass).</summary>
    public IReadOnlyList<Actions.NextAction> NextActions { get; init; } = [];

    /// <summary>The churn features of every master account the pass scored churn for: what a what-if changes.</summary>
    public IReadOnlyList<Actions.ScoredFeatures> Features { get; init; } = [];
}
