namespace Analytics.Ingest.Demo;

/// <summary>
/// The same company entered a second time (by another account manager, or by a system merged in),
/// under its own account id and a variant of the name. <paramref name="OrderShare"/> of the company's
/// orders after <paramref name="CreatedOn"/> are booked to it. <paramref name="Variation"/> says how it differs (the truth file).
/// </summary>
internal sealed record DuplicateRecord(string AccountId, string Name, string? EnglishName, string? TaxId, string Owner, DateOnly CreatedOn, double OrderShare, string Variation);
