using Analytics.Models.Clv;
using Analytics.Models.Numerics;

namespace Analytics.Models.Scores;

/// <summary>
/// One company's discounted lifetime value in a scoring pass, keyed by its master account, with the purchases the
/// CLV fit expects over the CLV horizon and the 90% intervals of both (null when the pass computed none).
/// </summary>
public sealed record AccountClvScore(string AccountId, decimal Clv)
{
    public double? ExpectedPurchases { get; init; }

    public ValueInterval? Interval { get; init; }
}

/// <summary>One contract account's next renewal in a scoring pass.</summary>
public sealed record AccountRenewalScore(string AccountId, string ContractId, DateOnly CancelBy, double NonRenewalProbability);

/// <summary>
/// What the probabilistic models add to a scoring pass: clv per company and the next renewal per contract account,
/// each with the model run behind it (null, with no rows, when that model could not be fitted).
/// </summary>
public sealed record LifetimeScores(
    string? ClvVersion,
    IReadOnlyList<AccountClvScore> Clv,
    string? RenewalVersion,
    IReadOnlyList<AccountRenewalScore> Renewals)
{
    /// <summary>Every likelihood fit behind these scores, with its standard errors and convergence.</summary>
    public IReadOnlyList<FitReport> Fits { get; init; } = [];
}
