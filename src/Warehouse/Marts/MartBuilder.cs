using System.Diagnostics;
using System.Reflection;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Marts;

/// <summary>
/// Rebuilds every mart from the embedded Marts/NNN_name.sql models, in file order (a model may
/// read the ones before it), in one transaction: readers see the old marts or the new, never half.
/// </summary>
public sealed class MartBuilder(DuckDBConnection connection)
{
    public IReadOnlyList<MartTiming> Refresh()
    {
        var timings = new List<MartTiming>();
        using var transaction = connection.BeginTransaction();
        foreach (var (name, sql) in Models())
        {
            var clock = Stopwatch.StartNew();
            connection.Execute($"create or replace table marts.{name} as\n{sql}");
            timings.Add(new MartTiming(name, connection.Scalar<long>($"select count(*) from marts.{name}"), clock.Elapsed));
        }

        transaction.Commit();
        return timings;
    }

    public static IEnumerable<(string Name, string Sql)> Models()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Marts/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n["Marts/".Length..^".sql".Length][4..], Migrator.ReadResource(assembly, n)));
    }
}

public sealed record MartTiming(string Mart, long Rows, TimeSpan Elapsed);
