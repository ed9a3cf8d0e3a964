namespace Analytics.Models.Renewal;

/// <summary>
/// The renewal model fitted on the warehouse's contracts and every contract account's next renewal under it.
/// <paramref name="Model"/> is <c>sBG</c> (<paramref name="Fit"/> holds α and β) or, when every loss so far came
/// at a first renewal, <c>geometric</c>: one refusal rate for every renewal (<paramref name="RefusalRate"/>).
/// </summary>
public sealed record RenewalScores(
    string Model,
    ShiftedBetaGeometricFit? Fit,
    double? RefusalRate,
    int Contracts,
    int ContractsLost,
    IReadOnlyList<AccountRenewal> Accounts);
