namespace Analytics.Warehouse.Loading;

/// <summary>
/// The outcome of one file. <see cref="Rejects"/> holds the first <see cref="LoadReport.RejectSample"/>
/// rejected rows; all of them are in meta.rejects under <see cref="BatchId"/>.
/// </summary>
public sealed record LoadReport(
    string File,
    string? Entity,
    string Sha256,
    LoadStatus Status,
    BatchCounts Counts,
    long? BatchId,
    IReadOnlyList<RejectedRow> Rejects,
    string? Error,
    TimeSpan Elapsed)
{
    public const int RejectSample = 100;

    /// <summary>
    /// Whether the file was staged (read into a temp table, then checked): files with rows that do not load,
    /// lines the reader cannot parse or repeated keys are; a clean CSV file loads in one pass.
    /// </summary>
    public bool Staged { get; init; }
}
