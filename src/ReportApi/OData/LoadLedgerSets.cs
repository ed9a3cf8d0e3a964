using Analytics.ReportApi.Access;

namespace Analytics.ReportApi.OData;

/// <summary>
/// The load ledger as entity sets, for admins (docs/loading.md#what-was-not-loaded): every file offered
/// (<c>LoadBatches</c>), every row a load rejected with its line and reason (<c>LoadRejects</c>, meta.rejects) and every
/// row waiting for a parent with what it waits for (<c>PendingRows</c>, staging.pending_rows). <see cref="AccessPolicy"/>
/// gives their paths to admins only. Their rows are files' and lines' rows, of no region (an unknown account has none,
/// a rejected line's region is whatever it says), so a region-limited key, an admin's too, may not read them at all:
/// an empty list would tell it, wrongly, that nothing was rejected.
/// </summary>
internal static class LoadLedgerSets
{
    // Times to the second: a spreadsheet's date cell (the /exports .xlsx) cannot hold the ledger's microseconds, and a
    // load's second is what a person asks for.
    public static IReadOnlyList<EntitySetDefinition> All { get; } =
    [
        Ledger(AccessPolicy.LoadBatches, "LoadBatch",
            """
            select batch_id, file_name, file_path, entity, sha256, status, rows_read, rows_loaded, rows_rejected, rows_pending,
                   rows_merged, rows_dropped, date_trunc('second', started_at) as started_at,
                   date_trunc('second', finished_at) as finished_at, error
            from meta.load_batches
            """,
            ["batch_id"]),
        // A row rejected when a later load tried it again (it had waited for its parent) keeps its first file and line.
        Ledger(AccessPolicy.LoadRejects, "LoadReject",
            """
            select r.batch_id, r.source_line, r.file_name, b.entity, r.reason, r.raw_row, date_trunc('second', b.finished_at) as loaded_at
            from meta.rejects r left join meta.load_batches b using (batch_id)
            """,
            ["batch_id", "source_line"]),
        Ledger(AccessPolicy.PendingRows, "PendingRow",
            """
            select p.batch_id, p.source_line, b.file_name, p.entity, p.waiting_for, p.raw_row::varchar as raw_row,
                   date_trunc('second', b.finished_at) as loaded_at
            from staging.pending_rows p left join meta.load_batches b using (batch_id)
            """,
            ["batch_id", "source_line"]),
    ];

    private static EntitySetDefinition Ledger(string name, string typeName, string source, IReadOnlyList<string> key) =>
        new(name, typeName, source, key, scope => scope.IsRegionLimited ? "false" : "true", []) { EveryRegionOnly = true };
}
