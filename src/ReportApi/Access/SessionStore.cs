using System.Security.Cryptography;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.ReportApi.Access;

/// <summary>
/// Dashboard sign-ins (access.sessions). Each sign-in gets a random token, stored only as its SHA-256 with the key
/// it signs in as. The cookie carries the token, not the key: a copied cookie stops working at sign-out, at its
/// expiry, or when its key is revoked, and gives away nothing that works anywhere else (Excel, scripts).
/// </summary>
public static class SessionStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>A new session for the key; the returned token is its only copy.</summary>
    public static string Start(DuckDBConnection connection, long keyId)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        // Sessions long over are of no use to anyone: each sign-in clears them, so the table stays small.
        connection.Execute("delete from access.sessions where coalesce(ended_at, expires_at) < now() - interval 7 days");
        connection.Execute(
            "insert into access.sessions values ($1, $2, now(), now() + to_seconds($3), null)",
            ApiKeyStore.Hash(token), keyId, (long)Lifetime.TotalSeconds);
        return token;
    }

    /// <summary>The key a session signs in as while it lasts (revoked or not: the caller tells), else null.</summary>
    public static ApiKey? KeyOf(DuckDBConnection connection, string token)
    {
        var keyId = connection.Scalar<long?>(
            "select key_id from access.sessions where session_hash = $1 and ended_at is null and expires_at > now()",
            ApiKeyStore.Hash(token));
        return keyId is { } id ? ApiKeyStore.Get(connection, id) : null;
    }

    /// <summary>Ends a session (sign-out); nothing if it has ended already or never was.</summary>
    public static void End(DuckDBConnection connection, string token) =>
        connection.Execute("update access.sessions set ended_at = now() where session_hash = $1 and ended_at is null", ApiKeyStore.Hash(token));
}
