using Analytics.Warehouse;
namespace Analytics.Ingest.Loading;

/// <summary>What became of a file's rows: read = loaded + rejected + pending, always.</summary>
public sealed record BatchCounts(long Read, long Loaded, long Rejected, long Pending);
