namespace Analytics.Models.Renewal;

/// <summary>The sBG fit on the warehouse's contracts and every contract account's next renewal under it.</summary>
public sealed record RenewalScores(ShiftedBetaGeometricFit Fit, int Contracts, int ContractsLost, IReadOnlyList<AccountRenewal> Accounts);
