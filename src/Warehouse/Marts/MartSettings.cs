using System.Globalization;
using System.Reflection;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Marts;

/// <summary>
/// The settings in meta.settings: defaults shipped in Marts/Settings/*.csv, values a user set
/// kept across upgrades. SQL models read them as <c>(select value from meta.settings where key = '...')</c>.
/// </summary>
public static class MartSettings
{
    public sealed record Setting(string Key, string? Value, string Description, bool IsDefault);

    internal static void ApplyDefaults(DuckDBConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var (key, value, description) in Defaults())
        {
            connection.Execute("""
                insert into meta.settings (key, value, description, is_default) values ($1, $2, $3, true)
                on conflict (key) do update set description = excluded.description,
                    value = case when meta.settings.is_default then excluded.value else meta.settings.value end
                """, key, value, description);
        }

        transaction.Commit();
    }

    public static IReadOnlyList<Setting> All(DuckDBConnection connection) =>
        connection.Rows("select key, value, description, is_default from meta.settings order by key",
            r => new Setting(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetBoolean(3)));

    /// <summary>Sets a known setting; an empty value means "back to the default".</summary>
    public static void Set(DuckDBConnection connection, string key, string? value)
    {
        var known = Defaults().FirstOrDefault(d => d.Key == key);
        if (known.Key is null)
        {
            throw new WarehouseException($"There is no setting '{key}'; 'analytics settings' lists them.");
        }

        var reset = string.IsNullOrEmpty(value);
        connection.Execute("update meta.settings set value = $2, is_default = $3 where key = $1", key, reset ? known.Value : value, reset);
    }

    private static IEnumerable<(string Key, string? Value, string Description)> Defaults()
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Settings/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            foreach (var fields in CsvLines(Migrator.ReadResource(assembly, resource)).Skip(1))
            {
                yield return (fields[0], fields[1].Length == 0 ? null : fields[1], fields[2]);
            }
        }
    }

    // The settings files are tiny and hand-written: quoted fields (for commas in descriptions) are all they need.
    private static IEnumerable<string[]> CsvLines(string text)
    {
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0))
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var ch = line[i];
                if (ch == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = !quoted;
                }
                else if (ch == ',' && !quoted)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(ch);
                }
            }

            fields.Add(field.ToString());
            yield return [.. fields];
        }
    }

    public static string Describe(Setting s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Key} = {s.Value ?? "(empty)"}{(s.IsDefault ? "" : "  (set)")}\n    {s.Description}");
}
