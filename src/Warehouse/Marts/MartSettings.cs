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
            r => new Setting(r.Get<string>("key"), r.GetOrNull<string>("value"), r.Get<string>("description"), r.Get<bool>("is_default")));

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

    private static IEnumerable<(string Key, string? Value, string Description)> Defaults() =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.StartsWith("Settings/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(EmbeddedCsv.Rows)
            .Select(f => (f[0], f[1].Length == 0 ? (string?)null : f[1], f[2]));

    public static string Describe(Setting s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Key} = {s.Value ?? "(empty)"}{(s.IsDefault ? "" : "  (set)")}\n    {s.Description}");
}
