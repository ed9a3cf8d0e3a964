namespace Analytics.Models.Scores;

/// <summary>One company's discounted lifetime value in a scoring pass, keyed by its master account.</summary>
public sealed record AccountClvScore(string AccountId, decimal Clv);

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
    IReadOnlyList<AccountRenewalScore> Renewals);
