namespace Analytics.Ingest.Loading;

/// <summary>
/// The rows a mapping's transform made of a file, as a staged source, and what became of the file's rows: each
/// went into one transformed row (the first of a row's source rows counts as the row, the others as merged) or
/// into none (dropped).
/// </summary>
public sealed record TransformedSource(StagedSource Source, long SourceRows, long Merged, long Dropped, ColumnUse Columns);
