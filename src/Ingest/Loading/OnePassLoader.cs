using Analytics.Ingest.Entities;
using Analytics.Warehouse;
using DuckDB.NET.Data;
using static Analytics.Warehouse.SqlExtensions;

namespace Analytics.Ingest.Loading;

/// <summary>
/// The short way through for a file that loads clean, as most do: its rows are typed, checked and written
/// straight from DuckDB's reader, with nothing staged. Staging a file as text and reading it back was most of
/// a load's time (ten million order lines: 11-12 s staged, 7-8 s in one pass). The pass gives up, and the
/// caller rolls back and stages the file, at the first row that would not load (a reject, or a row waiting
/// for its parent), at a line the reader cannot parse, or, after writing, when a key repeats: the staged
/// load then finds every such row and gives it its line and reason, which one pass cannot (it knows no lines).
/// </summary>
internal sealed class OnePassLoader(DuckDBConnection connection)
{
    private const string Checked = ValidationSql.CheckedTable;

    /// <summary>Defines the checks over the source; false when the file needs its lines (to number them), so must be staged.</summary>
    public static bool Prepare(DuckDBConnection connection, EntitySchema entity, StagedSource source,
        IReadOnlyDictionary<string, string?> sourceOf, ValueFormats formats, OrphanPolicy orphans)
    {
        if (entity.NumberedKey is { } numbered && sourceOf.GetValueOrDefault(numbered) is null)
        {
            return false;
        }

        var statements = ValidationSql.Build(entity, source, sourceOf, formats, orphans, release: false);
        connection.Execute(statements.NoRepeatedKeys);
        connection.Execute(statements.NoDuplicates);
        connection.Execute(statements.Checked);
        return true;
    }

    /// <summary>
    /// Writes the file inside the caller's transaction. Returns the rows written, or null when the file must be
    /// staged instead: the caller then rolls back. A DuckDBException means the same (a row that does not load
    /// stops the statement on purpose; so does a line the reader cannot parse).
    /// </summary>
    public long? Write(EntitySchema entity, long batchId)
    {
        var columns = string.Join(", ", entity.Columns.Select(c => Identifier(c.Name)));
        var hadRows = connection.Scalar<bool>($"select exists (select 1 from {entity.Table})");
        // error() stops the statement at the first row that does not load: the rest is not worth reading.
        var written = connection.Execute($"""
            insert into {entity.Table} ({columns}, batch_id)
            select {columns}, batch_id from {Checked}
            where case when outcome = 'loaded' then true else error('a row does not load: the file is staged') end
            """);
        var ours = $"select * from {entity.Table} where batch_id = {batchId}";
        if (KeysRepeat(entity, ours))
        {
            return null;
        }

        ChangedAccounts.Record(connection, entity, ours);

        // Written first, so the rows a newer file replaces (latest wins) are the others with the same keys.
        var merge = new BatchLoader(connection);
        if (hadRows)
        {
            merge.DeleteReplaced(entity, ours, keptBatch: batchId);
        }

        if (entity.HistoryColumns.Count > 0)
        {
            merge.RecordHistory(entity, ours);
        }

        return written;
    }

    // Hashes of the typed keys just written, sorted: two equal neighbours mean a key may repeat (or, very
    // rarely, two keys share a hash); either way the staged load decides, exactly.
    private bool KeysRepeat(EntitySchema entity, string ours) =>
        connection.Scalar<bool>($"""
            select exists ({ValidationSql.RepeatedIn($"select hash({string.Join(", ", entity.Key.Select(Identifier))}) as h from ({ours})")})
            """);
}
