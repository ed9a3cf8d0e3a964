using Analytics.Warehouse;
namespace Analytics.Ingest.Entities;

/// <summary>
/// A canonical column. <paramref name="Required"/> rows without it are rejected;
/// <paramref name="Default"/> is a SQL literal used when the file has no value.
/// </summary>
public sealed record ColumnSpec(string Name, ColumnKind Kind, bool Required = false, string? Default = null);
