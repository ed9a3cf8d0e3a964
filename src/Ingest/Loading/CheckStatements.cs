using Analytics.Warehouse;
namespace Analytics.Ingest.Loading;

/// <summary>
/// The SQL that checks a staged file, run in this order: <see cref="RepeatedHashes"/> finds key hashes
/// seen more than once; only if there are any, <see cref="RepeatedKeys"/> finds the exact keys (else
/// <see cref="NoRepeatedKeys"/>) and <see cref="DuplicateLines"/> lists their lines (else
/// <see cref="NoDuplicates"/>); then <see cref="Checked"/> builds the checked table.
/// </summary>
internal sealed record CheckStatements(
    string RepeatedHashes,
    string RepeatedKeys,
    string NoRepeatedKeys,
    string DuplicateLines,
    string NoDuplicates,
    string Checked);
