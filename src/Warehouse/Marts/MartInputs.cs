using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Marts;

/// <summary>
/// What the marts read, and a fingerprint of the part no load records row by row: every core and meta table a model
/// reads except the orders, order lines and tickets (meta.load_changes says which accounts those changed), with the
/// models' own text. A setting, an account, a contract, a calendar, a duplicate decision or a new release's mart all
/// change it, and a changed fingerprint means a full rebuild. It is taken on every refresh after a load, so it must
/// cost little: the small tables a person or the release writes (settings, decisions, calendars, reference lists) are
/// hashed whole, so nothing has to remember to say it changed them; the large ones only loads write (accounts,
/// products, contracts: <see cref="Loaded"/>) are counted, and every load of them is seen in the ledger
/// (meta.load_batches), which counts the loaded files of each entity.
/// </summary>
public static partial class MartInputs
{
    /// <summary>The core tables whose changes loads record by account (meta.load_changes.entity names them).</summary>
    public static readonly IReadOnlyList<string> Logged = ["core.orders", "core.order_lines", "core.tickets"];

    /// <summary>
    /// Tables written by loads alone (the loader's entities of the same name), too large to hash on every refresh: a
    /// load of any of them is a new file in the ledger. A table added here must have no other writer.
    /// </summary>
    public static readonly IReadOnlyList<string> Loaded = ["core.accounts", "core.products", "core.contracts"];

    /// <summary>The tables a model's SQL names (schema.table, lower case).</summary>
    public static IReadOnlySet<string> Reads(string sql) =>
        TableName().Matches(sql).Select(m => m.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    public static string Fingerprint(DuckDBConnection connection, IReadOnlyList<SqlModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var tables = models.SelectMany(m => Reads(m.Sql))
            .Where(t => !t.StartsWith("marts.", StringComparison.Ordinal) && !Logged.Contains(t))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        // An order-independent sum of row hashes: rows may sit in any order, and a row added twice counts twice.
        var sums = tables.Count == 0 ? [] : connection.Rows(
            string.Join("\nunion all\n", tables.Select(t => Loaded.Contains(t)
                ? $"select '{t}' as t, count(*) as n, '' as h from {t}"
                : $"select '{t}' as t, count(*) as n, coalesce(sum(hash(x)), 0)::varchar as h from {t} x")) + "\norder by t",
            r => string.Create(CultureInfo.InvariantCulture, $"{r.GetString(0)} {r.GetValue(1)} {r.GetString(2)}"));
        // Every load of a loaded-only table is a loaded batch of an entity other than the logged ones (a file of unknown
        // entity counts too): their number and the last id change with each.
        var loads = connection.Rows($"""
            select count(*), coalesce(max(batch_id), 0) from meta.load_batches
            where status = 'loaded' and coalesce('core.' || entity, '') not in ({string.Join(", ", Logged.Select(t => $"'{t}'"))})
            """, r => string.Create(CultureInfo.InvariantCulture, $"loads {r.GetValue(0)} {r.GetValue(1)}"));
        var text = string.Join('\n', sums.Concat(loads).Concat(models.Select(m => $"{m.Name}\n{m.Sql}")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    [GeneratedRegex(@"\b(core|meta|marts)\.[a-z_][a-z0-9_]*\b", RegexOptions.IgnoreCase)]
    private static partial Regex TableName();
}
