using System.Globalization;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Marts;

/// <summary>
/// The settings read once for code that needs them typed: each value parsed, or refused with one sentence naming the
/// setting and the rule it breaks (a typo in 'analytics settings' must not become a silent default).
/// </summary>
public sealed class SettingValues(DuckDBConnection connection)
{
    private readonly Dictionary<string, string?> values = MartSettings.All(connection).ToDictionary(s => s.Key, s => s.Value);

    public string Text(string key) => values.GetValueOrDefault(key) ?? throw new InvalidOperationException($"The setting {key} is missing.");

    public double Number(string key, Func<double, bool> allowed, string rule) =>
        double.TryParse(Text(key), CultureInfo.InvariantCulture, out var v) && allowed(v) ? v : throw Refused(key, rule);

    public int Whole(string key, Func<int, bool> allowed, string rule) =>
        int.TryParse(Text(key), CultureInfo.InvariantCulture, out var v) && allowed(v) ? v : throw Refused(key, rule);

    private WarehouseException Refused(string key, string rule) => new($"The setting {key} must be {rule}, not '{Text(key)}'.");
}
