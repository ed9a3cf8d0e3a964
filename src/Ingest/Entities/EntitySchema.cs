using Analytics.Warehouse;
namespace Analytics.Ingest.Entities;

/// <summary>
/// Everything the loader needs to know about one canonical entity: its columns, key,
/// the rules a row must pass, its parents, and how new rows replace old ones.
/// </summary>
public sealed record EntitySchema(
    string Name,
    string Table,
    IReadOnlyList<string> Key,
    IReadOnlyList<ColumnSpec> Columns,
    IReadOnlyList<CheckSpec> Checks,
    IReadOnlyList<ReferenceSpec> References)
{
    /// <summary>Key columns the file may leave out; the loader numbers them in file order (order lines' line_no).</summary>
    public string? NumberedKey { get; init; }

    /// <summary>
    /// When a file brings a row for this column's value, every stored row with that value is
    /// replaced (an order's lines are replaced as a set, so a line dropped upstream disappears).
    /// Null means rows are replaced key by key.
    /// </summary>
    public string? ReplaceScope { get; init; }

    /// <summary>Columns whose changes are kept over time in <c>core.account_history</c>.</summary>
    public IReadOnlyList<string> HistoryColumns { get; init; } = [];

    public ColumnSpec Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"Entity {Name} has no column {name}.", nameof(name));
}
