using System.Diagnostics;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Ingest.Loading;

/// <summary>
/// Loads one file in one transaction: either all of it lands (rows loaded, rejected with
/// reasons, or waiting for a parent) with its ledger row, or nothing does. A killed process
/// leaves the warehouse as it was, since DuckDB drops an uncommitted transaction.
/// </summary>
public sealed class WarehouseLoader(DuckDBConnection connection)
{
    public LoadReport Load(LoadRequest request)
    {
        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        // By content and entity: one file may feed several entities (accounts and tickets from one event log).
        var previous = connection.Scalar<long?>(
            "select max(batch_id) from meta.load_batches where sha256 = $1 and entity = $2 and status = 'loaded'", request.Sha256, request.Entity.Name);
        if (previous is { } loadedBefore)
        {
            return new LoadReport(request.FileName, request.Entity.Name, request.Sha256, LoadStatus.Duplicate,
                new BatchCounts(0, 0, 0, 0), loadedBefore, [], null, clock.Elapsed);
        }

        var batchId = connection.Scalar<long>("select nextval('meta.batch_seq')");
        try
        {
            if (request.ReadInOnePass is { } read && !LastWasNotClean(request.Entity.Name)
                && LoadInOnePass(request, read, batchId, startedAt, clock) is { } clean)
            {
                return clean;
            }

            // Staging and checking write only temp tables, so they run before the transaction opens;
            // everything that lasts is written inside it.
            request.OnPhase?.Invoke(new LoadPhase("reading"));
            var staged = request.Stage(new SourceStager(connection), batchId);
            var transformed = request.Transform?.Apply(connection, request.Entity, staged, batchId);
            var source = transformed?.Source ?? staged;
            var sourceOf = ColumnMapping.Resolve(request.Entity, source.Columns, request.Columns, request.Transform?.Origin ?? "The file");
            var columnUse = transformed?.Columns ?? ColumnUse.Of(request.Entity, source.Columns, sourceOf);
            var loader = new BatchLoader(connection);
            request.OnPhase?.Invoke(new LoadPhase("checking"));
            var rowsRead = loader.Check(request.Entity, source, sourceOf, request.Formats, request.Orphans);
            BatchCounts counts;
            using (var transaction = connection.BeginTransaction())
            {
                request.OnPhase?.Invoke(new LoadPhase("writing", rowsRead));
                counts = loader.Apply(request.Entity, source, rowsRead, batchId, request.FileName);
                if (transformed is { } t)
                {
                    // Counted so far are the transformed rows; the file's own rows are what was read.
                    counts = counts with { Read = counts.Read - rowsRead + t.SourceRows, Merged = t.Merged, Dropped = t.Dropped };
                }

                RecordBatch(request.FilePath, request.Sha256, request.Entity.Name, batchId, "loaded", counts, startedAt, error: null);
                loader.ReleasePending();
                counts = Released(counts, batchId);
                connection.Execute("update meta.data_version set version = version + 1");
                transaction.Commit();
            }

            var rejects = connection.Rows(
                $"select source_line, reason from meta.rejects where batch_id = $1 order by source_line limit {LoadReport.RejectSample}",
                r => new RejectedRow(r.Get<long?>("source_line"), r.Get<string>("reason")), batchId);
            return new LoadReport(request.FileName, request.Entity.Name, request.Sha256, LoadStatus.Loaded, counts, batchId, rejects, null, clock.Elapsed)
            {
                Staged = true,
                Columns = columnUse,
            };
        }
        catch (Exception e) when (e is DuckDBException or WarehouseException or IOException or InvalidDataException)
        {
            return RecordFailure(request.FilePath, request.Sha256, request.Entity.Name, OneSentence(e), batchId, startedAt, clock.Elapsed);
        }
    }

    /// <summary>
    /// Loads a file in one pass (see <see cref="OnePassLoader"/>), or returns null, having changed nothing, when
    /// it must be staged: a row that does not load, a line the reader cannot parse, a key that repeats.
    /// </summary>
    private LoadReport? LoadInOnePass(LoadRequest request, Func<SourceStager, long, StagedSource> read, long batchId,
        DateTimeOffset startedAt, Stopwatch clock)
    {
        var entity = request.Entity;
        request.OnPhase?.Invoke(new LoadPhase("reading"));
        ColumnUse columnUse;
        try
        {
            var source = read(new SourceStager(connection), batchId);
            var sourceOf = ColumnMapping.Resolve(entity, source.Columns, request.Columns);
            columnUse = ColumnUse.Of(entity, source.Columns, sourceOf);
            if (!OnePassLoader.Prepare(connection, entity, source, sourceOf, request.Formats, request.Orphans))
            {
                return null;
            }
        }
        catch (DuckDBException)
        {
            // The staged load reads the file again and says what is wrong with it, in its own words.
            return null;
        }

        request.OnPhase?.Invoke(new LoadPhase("writing"));
        using var transaction = connection.BeginTransaction();
        long? written;
        try
        {
            written = new OnePassLoader(connection).Write(entity, batchId);
        }
        catch (DuckDBException)
        {
            written = null;
        }

        if (written is not { } loaded)
        {
            transaction.Rollback();
            return null;
        }

        var counts = new BatchCounts(loaded, loaded, 0, 0);
        RecordBatch(request.FilePath, request.Sha256, entity.Name, batchId, "loaded", counts, startedAt, error: null);
        new BatchLoader(connection).ReleasePending();
        connection.Execute("update meta.data_version set version = version + 1");
        transaction.Commit();
        return new LoadReport(request.FileName, entity.Name, request.Sha256, LoadStatus.Loaded, counts, batchId, [], null, clock.Elapsed)
        {
            Columns = columnUse,
        };
    }

    /// <summary>
    /// Whether the last file of this entity had rows that did not load (rejected or waiting). Exports come from the
    /// same systems day after day, and a source that sent bad rows yesterday likely sends them today: such a file
    /// goes straight to staging rather than paying for a one pass that would give up. One clean file later, the one
    /// pass is tried again.
    /// </summary>
    private bool LastWasNotClean(string entity) =>
        connection.Scalar<bool?>(
            "select rows_rejected + rows_pending > 0 from meta.load_batches where entity = $1 and status = 'loaded' order by batch_id desc limit 1",
            entity) ?? false;

    /// <summary>
    /// The file's counts once waiting rows were tried again: a row waiting for a parent later in the same file (an
    /// account's parent account) loaded, or was rejected, before the file's load ends.
    /// </summary>
    private BatchCounts Released(BatchCounts counts, long batchId) =>
        connection.Rows("select rows_loaded, rows_rejected, rows_pending from meta.load_batches where batch_id = $1",
            r => counts with { Loaded = r.Get<long>("rows_loaded"), Rejected = r.Get<long>("rows_rejected"), Pending = r.Get<long>("rows_pending") },
            batchId)[0];

    /// <summary>Records a file that could not even be read far enough to know its entity.</summary>
    public LoadReport Fail(string filePath, string sha256, string? entity, string error) =>
        RecordFailure(filePath, sha256, entity, error, connection.Scalar<long>("select nextval('meta.batch_seq')"), DateTimeOffset.UtcNow, TimeSpan.Zero);

    private LoadReport RecordFailure(string filePath, string sha256, string? entity, string error, long batchId, DateTimeOffset startedAt, TimeSpan elapsed)
    {
        var none = new BatchCounts(0, 0, 0, 0);
        RecordBatch(filePath, sha256, entity, batchId, "failed", none, startedAt, error);
        return new LoadReport(Path.GetFileName(filePath), entity, sha256, LoadStatus.Failed, none, batchId, [], error, elapsed);
    }

    private void RecordBatch(string filePath, string sha256, string? entity, long batchId, string status, BatchCounts counts, DateTimeOffset startedAt, string? error) =>
        connection.Execute("""
            insert into meta.load_batches (batch_id, file_name, file_path, entity, sha256, status, rows_read, rows_loaded,
                rows_rejected, rows_pending, rows_merged, rows_dropped, started_at, finished_at, error)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            """,
            batchId, Path.GetFileName(filePath), Path.GetFullPath(filePath), entity, sha256, status,
            counts.Read, counts.Loaded, counts.Rejected, counts.Pending, counts.Merged, counts.Dropped, startedAt, DateTimeOffset.UtcNow, error);

    private static string OneSentence(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ").Trim();
        return message.Length > 500 ? message[..500] + "…" : message;
    }
}
