using DuckDB.NET.Data;
using static Analytics.Warehouse.SqlExtensions;

namespace Analytics.Warehouse.Loading;

/// <summary>
/// Reads a file with DuckDB's own vectorised readers into a temp table of text columns,
/// keeping each row's line in the file. Nothing is typed or checked here.
/// </summary>
public sealed class SourceStager(DuckDBConnection connection)
{
    private const string ReadTable = "src_read";
    private const string RawView = "src_raw";
    private const string CsvRejects = "src_csv_rejects";

    /// <param name="overflowColumn">
    /// a free-text column (an address) that some exports write with the delimiter unquoted: a line
    /// with too many fields and no quotes gets its extra pieces put back into that column.
    /// </param>
    public StagedSource Csv(string path, char delimiter, string? overflowColumn, long batchId)
    {
        connection.Execute($"drop table if exists {CsvRejects}; drop table if exists src_csv_scan");
        connection.Execute($"""
            create or replace temp table {ReadTable} as
            select * from read_csv({Literal(path)}, all_varchar = true, header = true, delim = {Literal(delimiter.ToString())},
                                   quote = '"', escape = '"', store_rejects = true,
                                   rejects_table = '{CsvRejects}', rejects_scan = 'src_csv_scan')
            """);
        var parserRejects = connection.Scalar<long>($"select count(*) from {CsvRejects}");
        if (connection.Scalar<long?>($"select min(line) from {CsvRejects} where error_type = 'INVALID ENCODING'") is { } badLine)
        {
            // Half a file decoded is worse than none: the lines that happen to be ASCII would load alone.
            throw new WarehouseException(
                $"The file is not UTF-8 (line {badLine}); declare its encoding in a mapping, e.g. \"encoding\": \"gb18030\".");
        }

        if (parserRejects == 0)
        {
            return Expose(firstLine: 2, batchId, parserRejectsTable: null);
        }

        // Rows after a line the reader rejected sit one line further down the file per such line.
        connection.Execute($"""
            create or replace temp table src_lines as
            with rejected_lines as (
                select line, row_number() over (order by line) as shift
                from (select distinct line from {CsvRejects})
            ), shifts as (
                select line - 2 - (shift - 1) as first_row, shift from rejected_lines
            )
            select s.row_index + 2 + coalesce(sh.shift, 0) as source_line, {batchId}::bigint as batch_id, s.* exclude (row_index)
            from (select rowid - {FirstRowId()} as row_index, * from {ReadTable}) s
            asof left join shifts sh on s.row_index >= sh.first_row
            """);
        var columns = SourceColumns();
        if (overflowColumn is not null)
        {
            RepairOverflow(columns, delimiter, overflowColumn, batchId);
        }

        connection.Execute($"create or replace temp view {RawView} as select * from src_lines");
        return new StagedSource(RawView, columns, CsvRejects) { Table = "src_lines" };
    }

    private void RepairOverflow(List<string> columns, char delimiter, string overflowColumn, long batchId)
    {
        var at = columns.FindIndex(c => string.Equals(c, overflowColumn, StringComparison.OrdinalIgnoreCase));
        if (at < 0)
        {
            throw new WarehouseException($"The file has no column '{overflowColumn}', which the mapping names as overflow_column.");
        }

        // p is the line split at every delimiter; extra = how many pieces too many it has.
        var pieces = columns.Select((c, i) =>
            (i < at ? $"p[{i + 1}]"
            : i == at ? $"array_to_string(p[{i + 1}:{i + 1} + extra], {Literal(delimiter.ToString())})"
            : $"p[{i + 1} + extra]") + $" as {Identifier(c)}");
        connection.Execute($"""
            insert into src_lines by name
            select line as source_line, {batchId}::bigint as batch_id, {string.Join(", ", pieces)}
            from (
                select line, p, len(p) - {columns.Count} as extra
                from (select line, string_split(any_value(csv_line), {Literal(delimiter.ToString())}) as p
                      from {CsvRejects} where error_type = 'TOO MANY COLUMNS' and not contains(csv_line, '"') group by line)
            );
            delete from {CsvRejects} where error_type = 'TOO MANY COLUMNS' and not contains(csv_line, '"');
            """);
    }

    public StagedSource JsonLines(string path, long batchId)
    {
        connection.Execute($"""
            create or replace temp table {ReadTable} as
            select columns(*)::varchar from read_json({Literal(path)}, format = 'newline_delimited')
            """);
        return Expose(firstLine: 1, batchId, parserRejectsTable: null);
    }

    public StagedSource Parquet(string path, long batchId)
    {
        connection.Execute($"""
            create or replace temp table {ReadTable} as
            select columns(*)::varchar from read_parquet({Literal(path)})
            """);
        return Expose(firstLine: 1, batchId, parserRejectsTable: null);
    }

    /// <summary>Rows born in C# (formats DuckDB cannot read, such as Arrow IPC), appended as text.</summary>
    public StagedSource Rows(IReadOnlyList<string> columns, IEnumerable<string?[]> rows, long batchId)
    {
        var columnList = string.Join(", ", columns.Select(c => $"{Identifier(c)} varchar"));
        connection.Execute($"create or replace temp table {ReadTable} ({columnList})");
        using (var appender = connection.CreateAppender(ReadTable))
        {
            foreach (var row in rows)
            {
                var appended = appender.CreateRow();
                foreach (var value in row)
                {
                    appended.AppendValue(value);
                }

                appended.EndRow();
            }
        }

        return Expose(firstLine: 1, batchId, parserRejectsTable: null);
    }

    /// <summary>Pending rows of one entity, back as text under their canonical names, for another try.</summary>
    internal StagedSource Pending(string entity, IReadOnlyList<string> columns)
    {
        var projections = string.Join(", ", columns.Select(c => $"raw_row->>{Literal(c)} as {Identifier(c)}"));
        connection.Execute($"""
            create or replace temp view {RawView} as
            select source_line, batch_id, {projections} from staging.pending_rows where entity = {Literal(entity)}
            """);
        return new StagedSource(RawView, columns, null);
    }

    private StagedSource Expose(int firstLine, long batchId, string? parserRejectsTable)
    {
        connection.Execute($"""
            create or replace temp view {RawView} as
            select rowid - {FirstRowId()} + {firstLine} as source_line, {batchId}::bigint as batch_id, * from {ReadTable}
            """);
        return new StagedSource(RawView, SourceColumns(), parserRejectsTable) { Table = ReadTable };
    }

    // Rows written inside a transaction are numbered from a large offset; a row's place in the file is its distance from the first.
    private long FirstRowId() => connection.Scalar<long?>($"select min(rowid) from {ReadTable}") ?? 0;

    private List<string> SourceColumns() =>
        connection.Rows($"select column_name from (describe {ReadTable})", r => r.GetString(0));
}
