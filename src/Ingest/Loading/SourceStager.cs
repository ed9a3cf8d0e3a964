using Analytics.Warehouse;
using DuckDB.NET.Data;
using static Analytics.Warehouse.SqlExtensions;

namespace Analytics.Ingest.Loading;

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
    /// <param name="header">
    /// false for a file without a header row: its columns are then named by position, column1, column2, ...
    /// </param>
    public StagedSource Csv(string path, char delimiter, string? overflowColumn, long batchId, bool header = true)
    {
        var names = CsvHeader.Names(path, delimiter, header);
        connection.Execute($"drop table if exists {CsvRejects}; drop table if exists src_csv_scan");
        connection.Execute($"create or replace temp table {ReadTable} as select * from {ReadCsv(path, names, delimiter, header, CsvRejects, "src_csv_scan")}");
        var firstLine = header ? 2 : 1;
        if (connection.Scalar<long>($"select count(*) from {CsvRejects}") == 0)
        {
            return Expose(firstLine, batchId, parserRejectsTable: null);
        }

        connection.Execute($"create or replace temp table src_lines as {Numbered(ReadTable, CsvRejects, firstLine, lineOffset: 0, batchId)}");
        ReadPastUnclosedQuotes(path, names, delimiter, header, batchId);
        if (connection.Scalar<long?>($"select min(line) from {CsvRejects} where error_type = 'INVALID ENCODING'") is { } badLine)
        {
            // Half a file decoded is worse than none: the lines that happen to be ASCII would load alone.
            throw new WarehouseException(
                $"The file is not UTF-8 (line {badLine}); declare its encoding in a mapping, e.g. \"encoding\": \"gb18030\".");
        }

        var columns = SourceColumns();
        if (overflowColumn is not null)
        {
            RepairOverflow(columns, delimiter, overflowColumn, batchId);
        }

        connection.Execute($"create or replace temp view {RawView} as select * from src_lines");
        return new StagedSource(RawView, columns, CsvRejects) { Table = "src_lines" };
    }

    // Every column as text, named by the header the caller read: the reader sniffs nothing, so one broken line cannot
    // fail the file. Lines it cannot parse (a quote that never closes, a line over 2 MB, too few or too many fields)
    // land in the rejects table, each with its line.
    private static string ReadCsv(string path, IReadOnlyList<string> names, char delimiter, bool header, string? rejects, string? scan) =>
        $"""
        read_csv({Literal(path)}, header = {(header ? "true" : "false")}, auto_detect = false, columns = {CsvHeader.ColumnsArgument(names)},
                 delim = {Literal(delimiter.ToString())}, quote = '"', escape = '"'{(rejects is null ? "" : $", store_rejects = true, rejects_table = '{rejects}', rejects_scan = '{scan}'")})
        """;

    // Rows after a line the reader rejected sit one line further down the file per such line.
    private string Numbered(string table, string rejects, int firstLine, long lineOffset, long batchId) => $"""
        with rejected_lines as (
            select line, row_number() over (order by line) as shift
            from (select distinct line from {rejects})
        ), shifts as (
            select line - {firstLine} - (shift - 1) as first_row, shift from rejected_lines
        )
        select s.row_index + {firstLine + lineOffset} + coalesce(sh.shift, 0) as source_line, {batchId}::bigint as batch_id, s.* exclude (row_index)
        from (select rowid - {FirstRowId(table)} as row_index, * from {table}) s
        asof left join shifts sh on s.row_index >= sh.first_row
        """;

    /// <summary>
    /// A quote that never closes runs on into the lines after it: the reader rejects them as one row, to the end of
    /// the file or (reading a large file in parallel) of its part of it, so rows would be missing without a trace.
    /// While the rows and rejects fall short of the file's lines, the first such row not yet handled is cut back to its
    /// own line, and everything after it is read again on its own. Quote errors that lost nothing cost nothing.
    /// </summary>
    private void ReadPastUnclosedQuotes(string path, IReadOnlyList<string> names, char delimiter, bool header, long batchId)
    {
        var quoteErrors = $"from {CsvRejects} where error_type::varchar in ('UNQUOTED VALUE', 'UNTERMINATED QUOTES')";
        if (connection.Scalar<long>($"select count(*) {quoteErrors}") == 0)
        {
            return;
        }

        var dataLines = DataLines(path) - (header ? 1 : 0);
        var lastCut = 0L;
        while (connection.Scalar<long>($"select (select count(*) from src_lines) + (select count(distinct line) from {CsvRejects})") < dataLines
               && connection.Scalar<long?>($"select min(line)::bigint {quoteErrors} and line > {lastCut}") is { } cut)
        {
            lastCut = cut;
            connection.Execute($"""
                update {CsvRejects} set csv_line = rtrim(split_part(csv_line, chr(10), 1), chr(13)) where line = {cut};
                delete from {CsvRejects} where line > {cut};
                delete from src_lines where source_line > {cut};
                """);
            var next = ByteAfterLine(path, cut);
            if (next >= new FileInfo(path).Length)
            {
                break;
            }

            var tail = Path.Combine(Path.GetTempPath(), $"analytics-tail-{Guid.NewGuid():N}.csv");
            try
            {
                using (var source = File.OpenRead(path))
                using (var target = File.Create(tail))
                {
                    source.Position = next;
                    source.CopyTo(target);
                }

                connection.Execute("drop table if exists src_tail_rejects; drop table if exists src_tail_scan");
                connection.Execute($"create or replace temp table src_tail as select * from {ReadCsv(tail, names, delimiter, header: false, "src_tail_rejects", "src_tail_scan")}");
            }
            finally
            {
                File.Delete(tail);
            }

            connection.Execute($"""
                insert into src_lines select * from ({Numbered("src_tail", "src_tail_rejects", firstLine: 1, lineOffset: cut, batchId)});
                insert into {CsvRejects} select * replace (line + {cut} as line) from src_tail_rejects;
                drop table src_tail;
                """);
        }
    }

    // Lines that are not blank, as the bytes say (the reader skips blank lines). A quoted value over several lines
    // counts each of them, which only makes the check above look further, never skip a loss.
    private static long DataLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var buffer = new byte[1 << 20];
        long lines = 0;
        var blank = true;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b == '\n')
                {
                    lines += blank ? 0 : 1;
                    blank = true;
                }
                else if (b != '\r')
                {
                    blank = false;
                }
            }
        }

        return lines + (blank ? 0 : 1);
    }

    // The first byte of line <paramref name="line"/> + 1 (lines counted from 1), or the file's length.
    private static long ByteAfterLine(string path, long line)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var buffer = new byte[1 << 20];
        long position = 0, newlines = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            for (var i = 0; i < span.Length; i++)
            {
                if (span[i] == '\n' && ++newlines == line)
                {
                    return position + i + 1;
                }
            }

            position += read;
        }

        return position;
    }

    /// <summary>
    /// A CSV file with a header as a view straight over DuckDB's reader, for a load in one pass: nothing is
    /// staged, the reader is strict (a line it cannot parse stops the statement that reads it) and lines are
    /// unknown (source_line is null).
    /// </summary>
    public StagedSource CsvInOnePass(string path, char delimiter, long batchId) =>
        InOnePass($"select * from {ReadCsv(path, CsvHeader.Names(path, delimiter, header: true), delimiter, header: true, rejects: null, scan: null)}", batchId);

    /// <summary>A JSON-lines file as a view straight over DuckDB's reader, for a load in one pass.</summary>
    public StagedSource JsonLinesInOnePass(string path, long batchId) => InOnePass(JsonLinesAsText(path), batchId);

    /// <summary>A Parquet file as a view straight over DuckDB's reader, for a load in one pass.</summary>
    public StagedSource ParquetInOnePass(string path, long batchId) =>
        InOnePass($"select columns(*)::varchar from read_parquet({Literal(path)})", batchId);

    private StagedSource InOnePass(string read, long batchId)
    {
        connection.Execute($"create or replace temp view {RawView} as select null::bigint as source_line, {batchId}::bigint as batch_id, * from ({read})");
        var columns = connection.Rows($"select column_name from (describe {RawView})", r => r.GetString(0)).Skip(2).ToList();
        return new StagedSource(RawView, columns, null);
    }

    /// <summary>
    /// Reads a file whose fields are separated by runs of spaces or tabs, with blanks before the first field
    /// (fixed-width reports such as CDNOW's). Every row also gets a column <c>line</c>, its line in the file,
    /// the only key an export of bare transactions has. A line with another number of fields than the header
    /// (or, without one, than most lines) is rejected whole, never cut or padded.
    /// </summary>
    public StagedSource Whitespace(string path, bool header, long batchId)
    {
        // One text column per line: a unit separator never appears in such files, and no quoting applies.
        const string oneTextColumn = "{'text': 'varchar'}";
        connection.Execute($"""
            create or replace temp table src_text as
            select * from read_csv({Literal(path)}, header = false, columns = {oneTextColumn}, delim = E'\x1f',
                                   quote = '', escape = '', auto_detect = false);
            create or replace temp table src_fields as
            select rowid - (select min(rowid) from src_text) + 1 as line, text,
                   regexp_split_to_array(trim(text, E' \t\r'), '[ \t]+') as fields
            from src_text
            where trim(coalesce(text, ''), E' \t\r') <> '';
            """);
        var names = header
            ? connection.Rows("select unnest(fields) from src_fields where line = (select min(line) from src_fields)", r => r.GetString(0))
            : Enumerable.Range(1, connection.Scalar<int?>("select mode(len(fields)) from src_fields") ?? 0).Select(i => $"column{i}").ToList();
        if (names.Count == 0)
        {
            throw new WarehouseException("The file has no lines to read.");
        }

        var lineColumn = names.Contains("line", StringComparer.OrdinalIgnoreCase) ? null : "line";
        var firstData = header ? "line > (select min(line) from src_fields)" : "true";
        var projections = string.Join(", ", names.Select((n, i) => $"fields[{i + 1}] as {Identifier(n)}"));
        connection.Execute($"""
            create or replace temp table {CsvRejects} as
            select line, text as csv_line, len(fields) || ' fields where ' || {names.Count} || ' are expected' as error_message
            from src_fields where {firstData} and len(fields) <> {names.Count};
            create or replace temp table {ReadTable} as
            select line as source_line, {batchId}::bigint as batch_id, {projections}{(lineColumn is null ? "" : ", line::varchar as line")}
            from src_fields where {firstData} and len(fields) = {names.Count}
            order by line;
            drop table src_text;
            drop table src_fields;
            """);
        var columns = lineColumn is null ? names : [.. names, lineColumn];
        connection.Execute($"create or replace temp view {RawView} as select * from {ReadTable}");
        var rejects = connection.Scalar<long>($"select count(*) from {CsvRejects}") > 0 ? CsvRejects : null;
        return new StagedSource(RawView, columns, rejects) { Table = ReadTable };
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
        connection.Execute($"create or replace temp table {ReadTable} as {JsonLinesAsText(path)}");
        return Expose(firstLine: 1, batchId, parserRejectsTable: null);
    }

    // Each field of each line as text, exactly as the line gives it: a string without its quotes, a number as
    // written, an object or a list as JSON. Read as typed columns instead, a field that is a string on some
    // lines and a number on others becomes JSON and keeps its quotes ("100.5"), and is rejected.
    private string JsonLinesAsText(string path)
    {
        var names = connection.Rows(
            $"select column_name from (describe select * from read_json({Literal(path)}, format = 'newline_delimited'))", r => r.GetString(0));
        var fields = string.Join(", ", names.Select(n => $"json->>{Literal($"$.\"{n.Replace("\"", "\\\"", StringComparison.Ordinal)}\"")} as {Identifier(n)}"));
        return $"select {fields} from read_json_objects({Literal(path)}, format = 'newline_delimited')";
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
    private long FirstRowId(string table = ReadTable) => connection.Scalar<long?>($"select min(rowid) from {table}") ?? 0;

    private List<string> SourceColumns() =>
        connection.Rows($"select column_name from (describe {ReadTable})", r => r.GetString(0));
}
