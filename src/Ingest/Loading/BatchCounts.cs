using Analytics.Warehouse;
namespace Analytics.Ingest.Loading;

/// <summary>
/// What became of a file's rows: read = loaded + rejected + pending + merged + dropped, always. Only a mapping's
/// transform merges source rows (the events of one ticket into the ticket) or leaves some out.
/// </summary>
public sealed record BatchCounts(long Read, long Loaded, long Rejected, long Pending)
{
    /// <summary>Source rows a transform folded into another row: each transformed row counts once, its other source rows here.</summary>
    public long Merged { get; init; }

    /// <summary>Source rows a transform left out: no row it made came from them.</summary>
    public long Dropped { get; init; }
}
