namespace Analytics.Warehouse;

/// <summary>Every non-null <paramref name="Column"/> names an existing <paramref name="ParentColumn"/> of <paramref name="Schema"/>.<paramref name="Table"/>.</summary>
public sealed record ModelReference(string Column, string Schema, string Table, string ParentColumn);
