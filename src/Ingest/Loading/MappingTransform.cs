using System.Text.Json;
using Analytics.Ingest.Entities;
using Analytics.Warehouse;
using DuckDB.NET.Data;
using static Analytics.Warehouse.SqlExtensions;

namespace Analytics.Ingest.Loading;

/// <summary>
/// A mapping's transform: one DuckDB select over the file as read (the table <c>source</c>, every column as text,
/// plus source_line) whose columns are the entity's canonical ones and source_line or source_lines, the lines each
/// row came from. It is checked in a sandbox of its own (<see cref="UserSql"/>) before it touches the warehouse:
/// one select, no table but <c>source</c> and its own CTEs, no table function that reads anything, canonical columns
/// of types that cast. Every source row is then accounted for: in exactly one transformed row, or dropped.
/// </summary>
public sealed class MappingTransform(string mappingName, string sql)
{
    /// <summary>The lines of the file a transformed row came from.</summary>
    public const string LinesColumn = "source_lines";

    private const string LineColumn = "source_line";
    private const string Output = "src_transformed";
    private const string OutputView = "src_out";

    // Table functions that make rows of values and read nothing.
    private sealed record Shape(IReadOnlyList<(string Name, string Type)> Columns, bool ManyLines, IReadOnlyList<string> Ignored);

    /// <summary>Runs the transform over a staged file; throws, having written nothing that lasts, when it is not one a mapping may give.</summary>
    public TransformedSource Apply(DuckDBConnection connection, EntitySchema entity, StagedSource raw, long batchId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(raw);
        var shape = Check(entity, raw.Columns);
        var lines = shape.ManyLines ? $"list_sort(list_distinct(t.{LinesColumn}::bigint[]))" : $"[t.{LineColumn}::bigint]";
        var canonical = shape.Columns.Where(c => c.Name is not (LineColumn or LinesColumn)).ToList();
        try
        {
            connection.Execute($"""
                create or replace temp view source as
                select source_line, {string.Join(", ", raw.Columns.Select(Identifier))} from {raw.View};
                create or replace temp table {Output} as
                select {batchId}::bigint as batch_id, {lines} as {LinesColumn}, {string.Join(", ", canonical.Select(c => "t." + Identifier(c.Name)))}
                from ({sql}) t;
                """);
        }
        catch (DuckDBException e)
        {
            throw Problem($"failed on the file: {FirstLine(e.Message)}");
        }

        var (read, made, used) = connection.Rows($"""
            select (select count(*) from {raw.View}) as read, (select count(*) from {Output}) as made,
                   (select count(*) from {raw.View} where source_line in (select unnest({LinesColumn}) from {Output})) as used
            """, r => (r.Get<long>("read"), r.Get<long>("made"), r.Get<long>("used")))[0];
        RequireEachLineOnce(connection);

        // Typed values go on as canonical text: the checks read every file's rows as text.
        var texts = canonical.Select(c => (IsNested(c.Type) ? $"to_json({Identifier(c.Name)})::varchar" : $"{Identifier(c.Name)}::varchar") + $" as {Identifier(c.Name)}");
        connection.Execute($"""
            create or replace temp view {OutputView} as
            select list_min({LinesColumn}) as source_line, batch_id, {string.Join(", ", texts)}, {LinesColumn}::varchar as {LinesColumn}
            from {Output}
            """);
        var source = new StagedSource(OutputView, [.. canonical.Select(c => c.Name), LinesColumn], raw.ParserRejectsTable) { Table = Output };
        return new TransformedSource(source, read, used - made, read - used, new ColumnUse(shape.Ignored, []));
    }

    // A row must say where it came from, and a source row may go into one row only: otherwise a reject could not
    // name its lines, and a row would count twice or not at all.
    private void RequireEachLineOnce(DuckDBConnection connection)
    {
        var untraced = connection.Scalar<long>($"select count(*) from {Output} where len({LinesColumn}) = 0 or list_min({LinesColumn}) is null");
        if (untraced > 0)
        {
            throw Problem($"makes {untraced} rows from no source line");
        }

        if (connection.Scalar<long?>($"select line from (select unnest({LinesColumn}) as line from {Output}) group by line having count(*) > 1 order by line limit 1") is { } shared)
        {
            throw Problem($"puts source line {shared} into more than one row");
        }
    }

    private Shape Check(EntitySchema entity, IReadOnlyList<string> sourceColumns)
    {
        using var sandbox = UserSql.Sandbox();
        var statements = UserSql.StatementCount(sandbox, sql);
        if (statements != 1)
        {
            throw Problem(statements == 0 ? "holds no statement" : $"holds {statements} statements where one select is wanted");
        }

        var tree = UserSql.SelectTree(sandbox, sql, out var reason) ?? throw Problem(reason!);
        var nodes = UserSql.Nodes(tree).ToList();
        RequireOnlySource(nodes);
        sandbox.Execute($"create table source ({LineColumn} bigint{string.Concat(sourceColumns.Select(c => $", {Identifier(c)} varchar"))})");
        List<(string Name, string Type)> columns;
        try
        {
            columns = sandbox.Rows($"select column_name, column_type from (describe {sql})", r => (r.GetString(0), r.GetString(1)));
        }
        catch (DuckDBException e)
        {
            throw Problem($"does not run on the file's columns: {FirstLine(e.Message)}");
        }

        foreach (var (name, type) in columns)
        {
            if (name is LineColumn or LinesColumn)
            {
                continue;
            }

            var column = entity.Columns.FirstOrDefault(c => c.Name == name) ?? throw Problem($"gives column '{name}', which {entity.Name} does not have");
            if (!Casts(column.Kind, type))
            {
                throw Problem($"gives {name} as {type}, which does not cast to {ValidationSql.Describe(column.Kind)}");
            }
        }

        var lines = columns.FirstOrDefault(c => c.Name == LinesColumn).Type;
        var line = columns.FirstOrDefault(c => c.Name == LineColumn).Type;
        if (lines is null && line is null)
        {
            throw Problem($"gives neither {LineColumn} nor {LinesColumn}, so its rows cannot be traced to the file's lines");
        }

        if (lines is not null && !(lines.EndsWith("[]", StringComparison.Ordinal) && IsInteger(lines[..^2])) || lines is null && !IsInteger(line!))
        {
            throw Problem($"gives {(lines is null ? LineColumn : LinesColumn)} as {lines ?? line}, where {(lines is null ? "a line number" : "a list of line numbers")} is wanted");
        }

        return new Shape(columns, lines is not null, Ignored(nodes, sourceColumns));
    }

    // Only the file: a table named anything but source (or one of the select's own CTEs), or qualified by a schema,
    // is another table of the warehouse; a table function other than a few that make values reads something else.
    private void RequireOnlySource(List<JsonElement> nodes)
    {
        var ctes = UserSql.CteNames(nodes);
        foreach (var node in nodes.Where(n => n.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String))
        {
            switch (node.GetProperty("type").GetString())
            {
                case "BASE_TABLE":
                    var schema = node.GetProperty("schema_name").GetString();
                    var catalog = node.GetProperty("catalog_name").GetString();
                    var table = node.GetProperty("table_name").GetString() ?? "";
                    if (schema is { Length: > 0 } || catalog is { Length: > 0 } || !(table.Equals("source", StringComparison.OrdinalIgnoreCase) || ctes.Contains(table)))
                    {
                        var qualified = string.Join('.', new[] { catalog, schema, table }.Where(p => p is { Length: > 0 }));
                        throw Problem($"reads {qualified}, and a transform reads only its file, as the table source");
                    }

                    break;
                case "TABLE_FUNCTION":
                    var function = node.GetProperty("function").GetProperty("function_name").GetString() ?? "";
                    if (!UserSql.PureTableFunctions.Contains(function))
                    {
                        throw Problem($"calls {function}(), and a transform reads only its file, as the table source");
                    }

                    break;
            }
        }
    }

    // The file's columns the select never names (a * names them all).
    private static List<string> Ignored(List<JsonElement> nodes, IReadOnlyList<string> sourceColumns)
    {
        if (nodes.Any(n => n.TryGetProperty("class", out var c) && c.GetString() is "STAR"))
        {
            return [];
        }

        var named = nodes.Where(n => n.TryGetProperty("class", out var c) && c.GetString() is "COLUMN_REF")
            .Select(n => n.GetProperty("column_names").EnumerateArray().Last().GetString())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return sourceColumns.Where(c => !named.Contains(c)).ToList();
    }

    private static bool Casts(ColumnKind kind, string type) => type == "VARCHAR" || kind switch
    {
        ColumnKind.Attributes => type == "JSON" || type.StartsWith("STRUCT", StringComparison.Ordinal) || type.StartsWith("MAP", StringComparison.Ordinal),
        _ when IsNested(type) => false,
        ColumnKind.Text => true,
        ColumnKind.WholeNumber or ColumnKind.Money or ColumnKind.Quantity or ColumnKind.Fraction or ColumnKind.Percent or ColumnKind.Hours =>
            IsInteger(type) || type is "FLOAT" or "DOUBLE" || type.StartsWith("DECIMAL", StringComparison.Ordinal),
        ColumnKind.Date or ColumnKind.Timestamp => type == "DATE" || type.StartsWith("TIMESTAMP", StringComparison.Ordinal),
        ColumnKind.Time => type.StartsWith("TIME", StringComparison.Ordinal) && !type.StartsWith("TIMESTAMP", StringComparison.Ordinal),
        ColumnKind.YesNo => type == "BOOLEAN" || IsInteger(type),
        _ => false,
    };

    private static bool IsInteger(string type) =>
        type is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" or "UHUGEINT";

    private static bool IsNested(string type) =>
        type.EndsWith(']') || type.StartsWith("STRUCT", StringComparison.Ordinal) || type.StartsWith("MAP", StringComparison.Ordinal)
        || type.StartsWith("UNION", StringComparison.Ordinal);

    private static string FirstLine(string message) => message.ReplaceLineEndings("\n").Split('\n')[0].Trim().TrimEnd('.', '!');

    private WarehouseException Problem(string problem) => new($"The transform of mapping {mappingName} {problem}.");
}
