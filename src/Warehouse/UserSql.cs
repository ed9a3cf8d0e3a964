using System.Text.Json;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Analytics.Warehouse;

/// <summary>
/// The sandbox for SQL a person wrote (<c>analytics query</c>, a mapping's transform): exactly one statement, a
/// select, that reads no file, URL or extension and, for a transform, nothing but the rows it is given.
/// </summary>
public static class UserSql
{
    /// <summary>Table functions that make rows from their arguments alone and read nothing.</summary>
    public static IReadOnlySet<string> PureTableFunctions { get; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "unnest", "range", "generate_series" };

    // Functions that read the instance's environment rather than the warehouse (settings hold paths and
    // credentials, getenv the service's environment), or change it (a sequence): refused by name, so a query gets
    // the same sentence on the file (read-only) as through the service (a read-only transaction).
    private static readonly Dictionary<string, string> EnvironmentFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["current_setting"] = "reads the service's settings",
        ["getenv"] = "reads the service's environment",
        ["nextval"] = "advances a sequence",
        ["setval"] = "sets a sequence",
    };

    private const string OwnRelations = """
        select schema_name, table_name from duckdb_tables() where database_name = current_database() and not temporary and not internal
        union all
        select schema_name, view_name from duckdb_views() where database_name = current_database() and not temporary and not internal
        """;

    /// <summary>
    /// Why one statement may not run as <c>analytics query</c>, or null: it must be a select that reads only the
    /// warehouse's own tables and views (its own CTEs, information_schema), calls no table function but the few that make values, and
    /// no function this instance has not loaded (which DuckDB would fetch from the network). Read from DuckDB's own
    /// parse tree, so this holds on a connection of an instance that may read files (the service's), where
    /// <see cref="Sandbox"/>'s instance-wide setting cannot be made.
    /// </summary>
    public static string? WarehouseQueryRefusal(DuckDBConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (SelectTree(connection, sql, out var reason) is not { } tree)
        {
            return $"'query' runs a read-only select, and this statement {reason}.";
        }

        var database = connection.Scalar<string>("select current_database()");
        var own = connection.Rows(OwnRelations, r => (Schema: r.GetString(0), Name: r.GetString(1))).ToHashSet();
        var functions = connection.Rows("select distinct function_name from duckdb_functions() where function_type not in ('table', 'table_macro', 'pragma')", r => r.GetString(0))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var nodes = Nodes(tree).ToList();
        var ctes = CteNames(nodes);
        foreach (var node in nodes)
        {
            if (node.TryGetProperty("class", out var c) && c.GetString() is "FUNCTION")
            {
                var name = node.GetProperty("function_name").GetString() ?? "";
                // A table function's own call is checked as a table function below.
                if (EnvironmentFunctions.TryGetValue(name, out var does) || !functions.Contains(name) && !PureTableFunctions.Contains(name))
                {
                    return $"'query' reads only the warehouse, and {name}() {does ?? "is not a function of the warehouse"}.";
                }

                continue;
            }

            switch (node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null)
            {
                case "BASE_TABLE":
                    var catalog = node.GetProperty("catalog_name").GetString() ?? "";
                    var schema = node.GetProperty("schema_name").GetString() ?? "";
                    var table = node.GetProperty("table_name").GetString() ?? "";
                    var isCte = catalog.Length == 0 && schema.Length == 0 && ctes.Contains(table);
                    // The SQL-standard catalog views name the warehouse's tables and columns, and nothing else.
                    var isCatalogView = catalog is "" or "system" && schema.Equals("information_schema", StringComparison.OrdinalIgnoreCase);
                    var isOwn = (catalog.Length == 0 || catalog.Equals(database, StringComparison.OrdinalIgnoreCase))
                        && own.Any(r => r.Name.Equals(table, StringComparison.OrdinalIgnoreCase)
                            && (r.Schema.Equals(schema.Length == 0 ? "main" : schema, StringComparison.OrdinalIgnoreCase)
                                || catalog.Length == 0 && schema.Equals(database, StringComparison.OrdinalIgnoreCase) && r.Schema == "main"));
                    if (!isCte && !isOwn && !isCatalogView)
                    {
                        var qualified = string.Join('.', new[] { catalog, schema, table }.Where(p => p.Length > 0));
                        return $"'query' reads only the warehouse's own tables and views, and {qualified} is not one of them.";
                    }

                    break;
                case "TABLE_FUNCTION":
                    var function = node.GetProperty("function").GetProperty("function_name").GetString() ?? "";
                    if (!PureTableFunctions.Contains(function))
                    {
                        return $"'query' reads only the warehouse's own tables and views, not the table function {function}().";
                    }

                    break;
                case "SHOW_REF":
                    return "'query' runs a select on the warehouse's tables and views, not DESCRIBE, SHOW or SUMMARIZE.";
            }
        }

        return null;
    }

    /// <summary>The names a select's WITH clauses give, at any depth.</summary>
    public static HashSet<string> CteNames(IEnumerable<JsonElement> nodes) =>
        nodes.Where(n => n.TryGetProperty("cte_map", out _))
            .SelectMany(n => n.GetProperty("cte_map").GetProperty("map").EnumerateArray().Select(e => e.GetProperty("key").GetString() ?? ""))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How many statements DuckDB's own parser finds, so a ';' inside a string literal or a comment separates nothing.
    /// Text it cannot parse counts as one: running it then gives DuckDB's own message.
    /// </summary>
    public static int StatementCount(DuckDBConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var count = NativeMethods.ExtractStatements.DuckDBExtractStatements(connection.NativeConnection, sql, out var extracted);
        using (extracted)
        {
            return count == 0 && NativeMethods.ExtractStatements.DuckDBExtractStatementsError(extracted) is { Length: > 0 } ? 1 : count;
        }
    }

    /// <summary>
    /// A database of its own, in memory, that can read no file, URL or extension (DuckDB cannot turn that back on):
    /// SQL bound here sees only the tables created in it.
    /// </summary>
    public static DuckDBConnection Sandbox()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        try
        {
            connection.Open();
            connection.Execute("set enable_external_access = false");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The parse tree of one select statement (DuckDB's json_serialize_sql), or null with the reason when the text
    /// is not one: another kind of statement, or text that does not parse.
    /// </summary>
    public static JsonElement? SelectTree(DuckDBConnection connection, string sql, out string? reason)
    {
        // The function takes only a constant, so the text goes in as a literal.
        var serialized = connection.Scalar<string>($"select json_serialize_sql({SqlExtensions.Literal(sql)})::varchar");
        using var document = JsonDocument.Parse(serialized);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error) && error.GetBoolean())
        {
            var message = root.TryGetProperty("error_message", out var m) ? m.GetString() ?? "" : "";
            reason = message.StartsWith("Only SELECT", StringComparison.Ordinal) ? "is not a select" : $"does not parse ({message.ReplaceLineEndings(" ").Trim()})";
            return null;
        }

        reason = null;
        return root.Clone();
    }

    /// <summary>Every object in a parse tree, depth first.</summary>
    public static IEnumerable<JsonElement> Nodes(JsonElement tree)
    {
        var stack = new Stack<JsonElement>([tree]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.ValueKind == JsonValueKind.Object)
            {
                yield return node;
                foreach (var property in node.EnumerateObject())
                {
                    stack.Push(property.Value);
                }
            }
            else if (node.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in node.EnumerateArray())
                {
                    stack.Push(item);
                }
            }
        }
    }
}
