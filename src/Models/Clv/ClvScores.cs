namespace Analytics.Models.Clv;

/// <summary>The BG/NBD + Gamma-Gamma fit as of a day and every account's value under it.</summary>
public sealed record ClvScores(ClvFit Fit, IReadOnlyList<AccountValue> Accounts);
