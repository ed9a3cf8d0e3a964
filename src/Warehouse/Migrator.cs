using System.Reflection;
using DuckDB.NET.Data;

namespace Analytics.Warehouse;

/// <summary>Applies the embedded Migrations/NNN_name.sql files that the file has not seen, each in its own transaction.</summary>
internal static class Migrator
{
    public static void Apply(DuckDBConnection connection)
    {
        connection.Execute("""
            create schema if not exists meta;
            create table if not exists meta.schema_migrations (version integer primary key, name varchar not null, applied_at timestamptz not null)
            """);
        var applied = connection.Rows("select version from meta.schema_migrations", r => r.GetInt32(0)).ToHashSet();
        foreach (var (version, name, sql) in Embedded())
        {
            if (applied.Contains(version))
            {
                continue;
            }

            using var transaction = connection.BeginTransaction();
            connection.Execute(sql);
            connection.Execute("insert into meta.schema_migrations values ($1, $2, now())", version, name);
            transaction.Commit();
        }
    }

    private static IEnumerable<(int Version, string Name, string Sql)> Embedded()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Migrations/", StringComparison.Ordinal))
            .Select(n => (Name: n["Migrations/".Length..^".sql".Length], Resource: n))
            .Select(x => (int.Parse(x.Name[..3], System.Globalization.CultureInfo.InvariantCulture), x.Name, ReadResource(assembly, x.Resource)))
            .OrderBy(x => x.Item1);
    }

    internal static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing resource {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
