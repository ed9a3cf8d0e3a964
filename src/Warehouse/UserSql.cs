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
