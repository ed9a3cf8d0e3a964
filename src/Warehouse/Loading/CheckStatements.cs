namespace Analytics.Warehouse.Loading;

/// <summary>
/// The SQL that checks a staged file: <see cref="RepeatedKeys"/> finds keys that occur more than once;
/// then <see cref="DuplicateLines"/> lists their lines, or <see cref="NoDuplicates"/> stands in when there
/// are none (the usual case, and it costs nothing); <see cref="Checked"/> builds the checked table.
/// </summary>
internal sealed record CheckStatements(string RepeatedKeys, string DuplicateLines, string NoDuplicates, string Checked);
