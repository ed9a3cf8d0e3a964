using Analytics.Ingest.Entities;
using Analytics.Warehouse;
using DuckDB.NET.Data;
using static Analytics.Warehouse.SqlExtensions;

namespace Analytics.Ingest.Loading;

/// <summary>
/// Types, checks and merges one staged file into its core table, inside the caller's
/// transaction: accepted rows replace the stored rows with the same key, the rest go to
/// meta.rejects (with reason) or staging.pending_rows (waiting for a parent).
/// </summary>
public sealed class BatchLoader(DuckDBConnection connection)
{
    private const string Checked = ValidationSql.CheckedTable;

    // The rows that do not load: few, so they are kept in a table for the rejects and waiting rows.
    private const string Unloaded = "unloaded";

    /// <summary>
    /// Finds the keys a staged file repeats and defines the view <c>checked</c> over it. It writes
    /// nothing that lasts, so it runs before the load's transaction opens. Returns the rows read.
    /// </summary>
    public long Check(EntitySchema entity, StagedSource source, IReadOnlyDictionary<string, string?> sourceOf,
        ValueFormats formats, OrphanPolicy orphans)
    {
        Check(ValidationSql.Build(entity, source, sourceOf, formats, orphans, release: false));
        return connection.Scalar<long>($"select count(*) from {source.Table}");
    }

    /// <summary>
    /// Writes what the checks decide, inside the load's transaction: the rows that pass merge into core
    /// straight from the view; only when some did not are the others gathered, as rejects or waiting rows.
    /// </summary>
    public BatchCounts Apply(EntitySchema entity, StagedSource source, long rowsRead, long batchId, string fileName)
    {
        FreezeIfSelfReferencing(entity);
        var loaded = Merge(entity, $"select * from {Checked} where outcome = 'loaded'", written: $"select * from {entity.Table} where batch_id = {batchId}");
        var counts = new BatchCounts(rowsRead, loaded, 0, 0);
        if (rowsRead > loaded)
        {
            counts = GatherUnloaded(counts);
            if (counts.Rejected > 0)
            {
                RecordRejects(source, fileName);
            }

            if (counts.Pending > 0)
            {
                connection.Execute($"""
                    insert into staging.pending_rows
                    select batch_id, {Literal(entity.Name)}, source_line, {CanonicalJson(entity)}, waiting_for
                    from {Unloaded} where outcome = 'pending'
                    """);
            }
        }

        var parserRejects = source.ParserRejectsTable is { } table ? RecordParserRejects(table, batchId, fileName) : 0;
        return counts with { Read = counts.Read + parserRejects, Rejected = counts.Rejected + parserRejects };
    }

    private BatchCounts GatherUnloaded(BatchCounts counts)
    {
        connection.Execute($"create or replace temp table {Unloaded} as select * from {Checked} where outcome <> 'loaded'");
        return connection.Rows($"select count(*) filter (outcome = 'rejected') as rejected, count(*) filter (outcome = 'pending') as pending from {Unloaded}",
            r => counts with { Rejected = r.Get<long>("rejected"), Pending = r.Get<long>("pending") })[0];
    }

    private void Check(CheckStatements statements)
    {
        connection.Execute(statements.RepeatedHashes);
        var candidates = connection.Scalar<long>($"select count(*) from {ValidationSql.RepeatedHashesTable}");
        connection.Execute(candidates > 0 ? statements.RepeatedKeys : statements.NoRepeatedKeys);
        var repeated = candidates > 0 && connection.Scalar<long>($"select count(*) from {ValidationSql.RepeatedKeysTable}") > 0;
        connection.Execute(repeated ? statements.DuplicateLines : statements.NoDuplicates);
        connection.Execute(statements.Checked);
    }

    /// <summary>
    /// Tries every waiting row again, parents first. A row whose parent has arrived loads and
    /// counts as loaded for the file it came from; if its key was loaded since by a newer file,
    /// the newer row stays (latest wins). An entity that is its own parent (an account's parent account)
    /// is tried until nothing more loads: each round releases one more level of a chain of parents.
    /// </summary>
    public void ReleasePending()
    {
        foreach (var entity in EntityCatalog.All)
        {
            var released = ReleaseOnce(entity);
            while (released && ValidationSql.SelfReference(entity) is not null)
            {
                released = ReleaseOnce(entity);
            }
        }
    }

    /// <returns>whether any waiting row loaded or was rejected.</returns>
    private bool ReleaseOnce(EntitySchema entity)
    {
        if (connection.Scalar<long>("select count(*) from staging.pending_rows where entity = $1", entity.Name) == 0)
        {
            return false;
        }

        var columns = entity.Columns.Select(c => c.Name).ToList();
        var source = new SourceStager(connection).Pending(entity.Name, columns);
        var identity = columns.ToDictionary(c => c, c => (string?)c);
        Check(ValidationSql.Build(entity, source, identity, new ValueFormats(), OrphanPolicy.Wait, release: true));
        FreezeIfSelfReferencing(entity);
        var counts = GatherUnloaded(new BatchCounts(0, 0, 0, 0));
        if (counts.Pending == connection.Scalar<long>($"select count(*) from {source.Table}"))
        {
            return false;
        }

        RecordRejects(source, fileName: null);

        var key = ValidationSql.KeyList(entity);
        var keyMatch = string.Join(" and ", entity.Key.Select(k => $"newer.{Identifier(k)} = r.{Identifier(k)}"));
        // Materialised first: the merge's delete would otherwise change which rows count as newer.
        connection.Execute($"""
            create or replace temp table released as
            select * from {Checked} r
            where outcome = 'loaded'
              and not exists (select 1 from {entity.Table} newer where {keyMatch} and newer.batch_id > r.batch_id)
            qualify row_number() over (partition by {key} order by batch_id desc, source_line desc) = 1
            """);
        Merge(entity, "select * from released");
        connection.Execute($"""
            update meta.load_batches b
            set rows_loaded = rows_loaded + x.loaded, rows_rejected = rows_rejected + x.rejected,
                rows_pending = rows_pending - x.loaded - x.rejected
            from (select batch_id, count(*) filter (outcome = 'loaded') as loaded, count(*) filter (outcome = 'rejected') as rejected
                  from {Checked} group by batch_id) x
            where b.batch_id = x.batch_id and (x.loaded > 0 or x.rejected > 0)
            """);
        connection.Execute($"""
            delete from staging.pending_rows p using {Checked} c
            where p.entity = {Literal(entity.Name)} and p.batch_id = c.batch_id and p.source_line = c.source_line and c.outcome <> 'pending'
            """);
        return true;
    }

    /// <summary>
    /// For an entity that is its own parent, the view of checked rows reads the table the load writes: once the
    /// file's parents are in, their children would read as loaded although they were not. The outcomes are kept as
    /// they were judged, before anything is written (an accounts file is small next to its orders).
    /// </summary>
    private void FreezeIfSelfReferencing(EntitySchema entity)
    {
        if (ValidationSql.SelfReference(entity) is not null)
        {
            connection.Execute($"create or replace temp table checked_as_judged as select * from {Checked}");
            connection.Execute($"create or replace temp view {Checked} as select * from checked_as_judged");
        }
    }

    /// <param name="written">a query of the rows once written, cheaper to read again than <paramref name="rows"/>.</param>
    /// <returns>the rows inserted.</returns>
    private long Merge(EntitySchema entity, string rows, string? written = null)
    {
        var columns = string.Join(", ", entity.Columns.Select(c => Identifier(c.Name)));
        // A first load into an empty table has nothing to replace; skipping the delete saves a join over every row.
        if (connection.Scalar<bool>($"select exists (select 1 from {entity.Table})"))
        {
            DeleteReplaced(entity, rows, keptBatch: null);
        }

        var inserted = connection.Execute($"insert into {entity.Table} ({columns}, batch_id) select {columns}, batch_id from ({rows})");
        ChangedAccounts.Record(connection, entity, written ?? rows);
        if (entity.HistoryColumns.Count > 0)
        {
            RecordHistory(entity, rows);
        }

        return inserted;
    }

    /// <summary>
    /// Deletes the stored rows that <paramref name="rows"/> replace (latest wins): those with the same key, or the
    /// same replace scope (an order's lines go together). Rows of <paramref name="keptBatch"/> stay: a load that
    /// writes first and replaces after keeps what it just wrote.
    /// </summary>
    internal void DeleteReplaced(EntitySchema entity, string rows, long? keptBatch)
    {
        var scope = entity.ReplaceScope is { } s ? [s] : entity.Key;
        var scopeList = string.Join(", ", scope.Select(Identifier));
        var scopeMatch = string.Join(" and ", scope.Select(k => $"c.{Identifier(k)} = m.{Identifier(k)}"));
        var kept = keptBatch is { } batch ? $" and c.batch_id <> {batch}" : "";
        // Their accounts are the old owners: an order moved to another account changes both accounts' marts.
        ChangedAccounts.Record(connection, entity, $"select c.* from {entity.Table} c, (select distinct {scopeList} from ({rows})) m where {scopeMatch}{kept}");
        connection.Execute($"delete from {entity.Table} c using (select distinct {scopeList} from ({rows})) m where {scopeMatch}{kept}");
    }

    /// <summary>Closes the open history row of each account whose tracked attributes changed, then opens a new one.</summary>
    /// <param name="rows">a query of the rows just written.</param>
    internal void RecordHistory(EntitySchema entity, string rows)
    {
        var changed = string.Join(" or ", entity.HistoryColumns.Select(c => $"h.{Identifier(c)} is distinct from m.{Identifier(c)}"));
        var columns = string.Join(", ", entity.HistoryColumns.Select(Identifier));
        connection.Execute($"""
            update core.account_history h set valid_to = now()
            from ({rows}) m where h.account_id = m.account_id and h.valid_to is null and ({changed});
            insert into core.account_history (account_id, {columns}, valid_from, valid_to, batch_id)
            select m.account_id, {string.Join(", ", entity.HistoryColumns.Select(c => "m." + Identifier(c)))}, now(), null, m.batch_id
            from ({rows}) m
            where not exists (select 1 from core.account_history h where h.account_id = m.account_id and h.valid_to is null);
            """);
    }

    private void RecordRejects(StagedSource source, string? fileName)
    {
        var raw = "json_object(" + string.Join(", ", source.Columns.Select(c => $"{Literal(c)}, s.{Identifier(c)}")) + ")::varchar";
        var file = fileName is null ? "(select file_name from meta.load_batches b where b.batch_id = c.batch_id)" : Literal(fileName);
        connection.Execute($"""
            insert into meta.rejects (batch_id, file_name, source_line, raw_row, reason)
            select c.batch_id, {file}, c.source_line, {raw}, c.reason
            from {Unloaded} c join {source.View} s on s.source_line = c.source_line and s.batch_id = c.batch_id
            where c.outcome = 'rejected'
            """);
    }

    private long RecordParserRejects(string table, long batchId, string fileName) =>
        connection.Execute($"""
            insert into meta.rejects (batch_id, file_name, source_line, raw_row, reason)
            select {batchId}, {Literal(fileName)}, line, any_value(csv_line), 'unreadable CSV line: ' || min(error_message)
            from {table} group by line
            """);

    // The typed row as canonical text, so a waiting row can be checked again with default formats.
    private static string CanonicalJson(EntitySchema entity) =>
        "json_object(" + string.Join(", ", entity.Columns.Select(c => $"{Literal(c.Name)}, {Identifier(c.Name)}::varchar")) + ")";
}
