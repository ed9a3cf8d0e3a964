using Analytics.Models.Numerics;

namespace Analytics.Models.Scores;

/// <summary>A scoring pass as models.score_runs records it: which model versions scored, as of which day.</summary>
public sealed record ScoreRun(long ScoreRunId, DateTimeOffset ScoredAt, DateOnly AsOf, long DataVersion, string? ChurnVersion, string? ValueVersion, long Accounts)
{
    /// <summary>The BG/NBD + Gamma-Gamma fit behind the clv column (null when the orders could not be fitted).</summary>
    public string? ClvVersion { get; init; }

    /// <summary>The renewal model behind the renewal columns (null when no contract has faced a renewal).</summary>
    public string? RenewalVersion { get; init; }

    /// <summary>The likelihood fits of this pass (CLV's and the renewal model's): standard errors, convergence, warnings.</summary>
    public IReadOnlyList<FitReport> Fits { get; init; } = [];
}
