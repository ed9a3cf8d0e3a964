using Analytics.Warehouse;
namespace Analytics.Ingest.Loading;

/// <summary>
/// A file read into the temp view <see cref="View"/>: every source column as text, plus
/// <c>source_line</c> (the line in the file) and <c>batch_id</c>. Lines the reader itself could
/// not parse are in <see cref="ParserRejectsTable"/> when there is one. <see cref="Table"/> holds the same
/// rows without line numbers, for passes that do not need them. A source read in one pass
/// (<see cref="SourceStager.CsvInOnePass"/>) is a view straight over the reader, and its lines are unknown.
/// </summary>
public sealed record StagedSource(string View, IReadOnlyList<string> Columns, string? ParserRejectsTable)
{
    public string Table { get; init; } = View;
}
