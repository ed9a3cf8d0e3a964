namespace Analytics.Warehouse;

/// <param name="Values">the values as text (a number or a flag as DuckDB casts it to varchar), in the order shown to people.</param>
public sealed record AcceptedValues(string Column, IReadOnlyList<string> Values);
