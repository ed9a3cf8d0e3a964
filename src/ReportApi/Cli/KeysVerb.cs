using System.Globalization;
using Analytics.Warehouse;
using Analytics.ReportApi.Access;

namespace Analytics.ReportApi.Cli;

/// <summary><c>analytics keys create|list|revoke</c>: the API keys and their roles.</summary>
internal static class KeysVerb
{
    public static Verb Definition { get; } = new(
        "keys",
        "keys create --role admin|manager|analyst|marketing [--regions R,...] [--name N] | keys list | keys revoke ID",
        """
        Manages API keys. create prints the new key once on stdout (only its SHA-256 is kept, so it cannot be
        shown again); --regions limits what the key sees to those regions' accounts. list shows every key
        (id, role, regions, name, first characters, created, revoked); revoke ID stops a key at once.
        """,
        new HashSet<string> { "role", "regions", "name" },
        new HashSet<string>(),
        RunAsync);

    private static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        switch (args.Positional)
        {
            case ["create"]:
                return await CreateAsync(args, stdout, stderr);
            case ["list"]:
                return await ListAsync(args, stdout);
            case ["revoke", var id]:
                return await RevokeAsync(args, id, stdout);
            default:
                throw new UsageException("Say what to do: 'keys create --role ROLE', 'keys list' or 'keys revoke ID'.");
        }
    }

    private static async Task<int> CreateAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        var role = args.Option("role") ?? throw new UsageException($"Give the key's --role: {string.Join(", ", Roles.All)}.");
        if (!Roles.All.Contains(role))
        {
            throw new UsageException($"There is no role '{role}'; the roles are {string.Join(", ", Roles.All)}.");
        }

        var regions = args.Option("regions")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (regions is { Length: 0 })
        {
            throw new UsageException("--regions needs at least one region, separated by commas.");
        }

        using var database = WarehouseDatabase.Open(args.Database);
        using var connection = database.Connect();
        var (key, secret) = ApiKeyStore.Create(connection, role, regions, args.Option("name") ?? $"{role} key");
        await stdout.WriteLineAsync(secret);
        await stderr.WriteLineAsync($"Key {key.KeyId} ({Describe(key)}) created; this is the only time it is shown.");
        return 0;
    }

    private static async Task<int> ListAsync(ParsedArgs args, TextWriter stdout)
    {
        using var database = WarehouseDatabase.Open(args.Database);
        using var connection = database.Connect();
        foreach (var key in ApiKeyStore.List(connection))
        {
            var revoked = key.RevokedAt is { } at ? $"revoked {at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}" : "active";
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{key.KeyId}\t{key.Role}\t{(key.Regions is null ? "all regions" : string.Join(",", key.Regions))}\t{key.Name}\t{key.KeyPrefix}...\t{key.CreatedAt:yyyy-MM-dd HH:mm}\t{revoked}"));
        }

        return 0;
    }

    private static async Task<int> RevokeAsync(ParsedArgs args, string id, TextWriter stdout)
    {
        if (!long.TryParse(id, CultureInfo.InvariantCulture, out var keyId))
        {
            throw new UsageException($"revoke takes a key's number (see 'keys list'), not '{id}'.");
        }

        using var database = WarehouseDatabase.Open(args.Database);
        using var connection = database.Connect();
        if (!ApiKeyStore.Revoke(connection, keyId))
        {
            throw new UsageException($"There is no active key {keyId}; 'analytics keys list' shows them.");
        }

        await stdout.WriteLineAsync($"Key {keyId} revoked.");
        return 0;
    }

    private static string Describe(ApiKey key) =>
        key.Role + (key.Regions is null ? ", all regions" : ", regions " + string.Join(",", key.Regions)) + ", \"" + key.Name + "\"";
}
