using Analytics.Warehouse;
using DuckDB.NET.Data;
using static Analytics.Warehouse.SqlExtensions;

namespace Analytics.Tests.Support;

/// <summary>
/// A built model's rows against its header's declarations: the key unique and not null, the not null columns
/// filled, every value of an accepted column one of its values, every reference naming an existing parent row.
/// One sentence per broken declaration, with a value that broke it; none when the rows hold.
/// </summary>
public static class SqlModelCheck
{
    /// <param name="table">the built model, as SQL names it (marts.orders, a temp table's bare name).</param>
    public static IReadOnlyList<string> Problems(DuckDBConnection connection, string table, SqlModelHeader header)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(header);
        var problems = new List<string>();
        var key = string.Join(", ", header.Key.Select(Identifier));
        var repeated = connection.Scalar<long>($"select coalesce(sum(n), 0)::bigint from (select {key}, count(*) as n from {table} group by all having n > 1)");
        if (repeated > 0)
        {
            problems.Add($"{table}: {Rows(repeated)} share their key ({string.Join(", ", header.Key)}) with another row");
        }

        foreach (var column in header.Key.Concat(header.NotNull).Distinct())
        {
            var nulls = connection.Scalar<long>($"select count(*) from {table} where {Identifier(column)} is null");
            if (nulls > 0)
            {
                problems.Add($"{table}: {column} is null in {Rows(nulls)}");
            }
        }

        foreach (var accepted in header.Accepted)
        {
            var column = Identifier(accepted.Column);
            var (rows, example) = Offending(connection, $"""
                select count(*), min({column}::varchar) from {table}
                where {column} is not null and {column}::varchar not in ({string.Join(", ", accepted.Values.Select(Literal))})
                """);
            if (rows > 0)
            {
                problems.Add($"{table}: {accepted.Column} is not one of {string.Join(", ", accepted.Values)} in {Rows(rows)}, e.g. '{example}'");
            }
        }

        foreach (var reference in header.References)
        {
            var column = Identifier(reference.Column);
            var parent = $"{Identifier(reference.Schema)}.{Identifier(reference.Table)}";
            var (rows, example) = Offending(connection, $"""
                select count(*), min(t.{column}::varchar) from {table} t
                where t.{column} is not null and not exists (select 1 from {parent} p where p.{Identifier(reference.ParentColumn)} = t.{column})
                """);
            if (rows > 0)
            {
                problems.Add($"{table}: {reference.Column} names no {reference.Schema}.{reference.Table}.{reference.ParentColumn} in {Rows(rows)}, e.g. '{example}'");
            }
        }

        return problems;
    }

    private static string Rows(long count) => count == 1 ? "1 row" : $"{count} rows";

    private static (long Rows, string? Example) Offending(DuckDBConnection connection, string sql) =>
        connection.Rows(sql, r => (r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1))).Single();
}
