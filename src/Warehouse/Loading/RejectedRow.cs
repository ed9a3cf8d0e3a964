namespace Analytics.Warehouse.Loading;

public sealed record RejectedRow(long? Line, string Reason);
