using System.Security.Cryptography;
using System.Text;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.ReportApi.Access;

/// <summary>
/// Creates, lists, finds and revokes API keys in access.api_keys. Keys are 256 random bits; the warehouse keeps
/// only their SHA-256 (a key that long needs no slow hash: nobody can guess it from its hash).
/// </summary>
public static class ApiKeyStore
{
    private const string KeyPrefix = "ak_";

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new random key, stored hashed; the returned text is the only copy of the key.</summary>
    public static (ApiKey Key, string Secret) Create(DuckDBConnection connection, string role, IReadOnlyList<string>? regions, string name)
    {
        var secret = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (Store(connection, role, regions, name, secret), secret);
    }

    /// <summary>Stores a key whose text the caller chose (the documented demo keys); nothing if it is stored already.</summary>
    public static ApiKey Store(DuckDBConnection connection, string role, IReadOnlyList<string>? regions, string name, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!Roles.All.Contains(role))
        {
            throw new WarehouseException($"There is no role '{role}'; the roles are {string.Join(", ", Roles.All)}.");
        }

        if (regions is not null && (regions.Count == 0 || regions.Any(string.IsNullOrWhiteSpace)))
        {
            throw new WarehouseException("Give at least one region, none of them empty.");
        }

        var hash = Hash(secret);
        if (Find(connection, hash) is { } existing)
        {
            return existing;
        }

        var id = connection.Scalar<long>("select nextval('access.key_seq')");
        connection.Execute(
            """insert into access.api_keys (key_id, name, role, regions, key_hash, key_prefix, created_at) values ($1, $2, $3, from_json($4, '["VARCHAR"]'), $5, $6, now())""",
            id, name, role, regions is null ? null : System.Text.Json.JsonSerializer.Serialize(regions), hash, secret[..Math.Min(8, secret.Length)]);
        return Get(connection, id)!;
    }

    public static IReadOnlyList<ApiKey> List(DuckDBConnection connection) =>
        connection.Rows($"{Select} order by key_id", Read);

    public static ApiKey? Get(DuckDBConnection connection, long keyId) =>
        connection.Rows($"{Select} where key_id = $1", Read, keyId).SingleOrDefault();

    /// <summary>The key with this hash, revoked or not.</summary>
    public static ApiKey? Find(DuckDBConnection connection, string keyHash) =>
        connection.Rows($"{Select} where key_hash = $1", Read, keyHash).SingleOrDefault();

    public static long ActiveCount(DuckDBConnection connection) =>
        connection.Scalar<long>("select count(*) from access.api_keys where revoked_at is null");

    /// <summary>Revokes a key from now on; false if there is no such key or it was revoked already.</summary>
    public static bool Revoke(DuckDBConnection connection, long keyId) =>
        connection.Execute("update access.api_keys set revoked_at = now() where key_id = $1 and revoked_at is null", keyId) == 1;

    private const string Select = "select key_id, name, role, regions, key_prefix, created_at, revoked_at from access.api_keys";

    private static ApiKey Read(System.Data.Common.DbDataReader r) => new(
        r.Get<long>("key_id"),
        r.Get<string>("name"),
        r.Get<string>("role"),
        r.GetOrNull<List<string>>("regions"),
        r.Get<string>("key_prefix"),
        r.Get<DateTime>("created_at"),
        r.Get<DateTime?>("revoked_at"));
}
