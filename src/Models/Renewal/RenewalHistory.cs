namespace Analytics.Models.Renewal;

/// <summary>
/// One customer's renewals: it kept <paramref name="RenewalsKept"/> of them, and then was lost at the next
/// (<paramref name="Lost"/>) or is still with us, its next renewal to come.
/// </summary>
public sealed record RenewalHistory(int RenewalsKept, bool Lost);
