using System.Globalization;
using System.Text.Json;
using Analytics.Warehouse;

namespace Analytics.Ingest.Loading;

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

    /// <summary>The source columns no canonical column took: ignored, or kept as the accounts' attributes.</summary>
    public ColumnUse Columns { get; init; } = ColumnUse.None;

    /// <summary>One line for a terminal or a log: what the file came to.</summary>
    public string Summary() => Status switch
    {
        LoadStatus.Duplicate => $"{File}: duplicate of batch {BatchId}, nothing changed",
        LoadStatus.Failed => $"{File}: failed, nothing kept (batch {BatchId})",
        _ => string.Create(CultureInfo.InvariantCulture, $"{File}: {Entity} loaded {Counts.Loaded:N0} of {Counts.Read:N0} rows, {Counts.Rejected:N0} rejected, {Counts.Pending:N0} waiting for a parent, in {Elapsed.TotalSeconds:0.00} s ({RowsPerSecond:N0} rows/s), batch {BatchId}{ColumnsSaid}"),
    };

    private string ColumnsSaid =>
        (Columns.Ignored.Count > 0 ? $"; columns ignored: {string.Join(", ", Columns.Ignored)}" : "")
        + (Columns.KeptAsAttributes.Count > 0 ? $"; kept as attributes: {string.Join(", ", Columns.KeptAsAttributes)}" : "");

    /// <summary>The object shared/CONTRACT.md fixes for <c>load --json</c>, one line.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["file"] = File,
        ["entity"] = Entity,
        ["sha256"] = Sha256,
        ["status"] = Status.ToString().ToLowerInvariant(),
        ["rows_read"] = Counts.Read,
        ["rows_loaded"] = Counts.Loaded,
        ["rows_rejected"] = Counts.Rejected,
        ["rows_pending"] = Counts.Pending,
        ["batch_id"] = BatchId,
        ["rejects"] = Rejects.Select(x => new Dictionary<string, object?> { ["line"] = x.Line, ["reason"] = x.Reason }).ToList(),
        ["columns_ignored"] = Columns.Ignored,
        ["columns_kept_as_attributes"] = Columns.KeptAsAttributes,
        ["error"] = Error,
        ["elapsed_ms"] = (long)Elapsed.TotalMilliseconds,
    }, JsonOptions);

    private double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Counts.Read / Elapsed.TotalSeconds : 0;

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
