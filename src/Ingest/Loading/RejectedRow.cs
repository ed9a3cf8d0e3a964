using Analytics.Warehouse;
namespace Analytics.Ingest.Loading;

public sealed record RejectedRow(long? Line, string Reason);
