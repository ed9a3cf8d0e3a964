using System.Globalization;
using Analytics.ReportApi.Access;
using Analytics.Warehouse;

namespace Analytics.ReportApi.Cli;

/// <summary>
/// <c>analytics keys create|list|revoke</c>: the API keys and their roles. On the warehouse file when no service
/// holds it; through the running service's /api/keys (<see cref="KeyService"/>) when one does, or when --urls names it.
/// </summary>
internal static class KeysVerb
{
    /// <summary>Where the admin key for the service comes from when --key is not given (a key on the command line shows in the process list).</summary>
    public const string KeyVariable = "ANALYTICS_KEY";

    public static Verb Definition { get; } = new(
        "keys",
        "keys create --role admin|manager|analyst|marketing [--regions R,...] [--name N] | keys list | keys revoke ID   [--urls URL] [--key ADMIN_KEY]",
        $"""
        Manages API keys. create prints the new key once on stdout (only its SHA-256 is kept, so it cannot be
        shown again); --regions limits what the key sees to those regions' accounts. list shows every key
        (id, role, regions, name, first characters, created, revoked); revoke ID stops a key at once.
        While 'analytics serve' holds the warehouse, the verb runs inside that service as this machine's operator
        (the file it writes beside the warehouse). With an admin key (--key or the {KeyVariable} environment
        variable, which keeps it out of the process list), or when --urls names a service, it works through the
        service's /api/keys instead (default: its --urls in appsettings.json, else {ServeVerb.DefaultUrls}).
        """,
        new HashSet<string> { "role", "regions", "name", "urls", "key" },
        new HashSet<string>(),
        RunAsync);

    private static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        var command = Parse(args);
        if (args.Option("urls") is { } urls)
        {
            return await command(KeyService.Connect(urls, AdminKey(args), heldFile: null), stdout, stderr);
        }

        WarehouseLease warehouse;
        try
        {
            warehouse = args.OpenWarehouse();
        }
        catch (WarehouseBusyException) when (AdminKey(args) is { } adminKey)
        {
            // The service owns the file; with an admin key its /api/keys does what the verb would. Without one, the
            // busy warehouse sends the verb to the service as this machine's operator (CommandLine, OperatorClient).
            return await command(KeyService.Connect(KeyService.ConfiguredUrls(), adminKey, heldFile: args.Database), stdout, stderr);
        }

        using (warehouse)
        using (var connection = warehouse.Database.Connect())
        {
            return await command(new LocalKeys(connection), stdout, stderr);
        }
    }

    /// <summary>What to do, checked before anything is opened or called.</summary>
    private static Func<IKeys, TextWriter, TextWriter, Task<int>> Parse(ParsedArgs args)
    {
        switch (args.Positional)
        {
            case ["create"]:
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

                var name = args.Option("name") ?? $"{role} key";
                return (keys, stdout, stderr) => CreateAsync(keys, role, regions, name, stdout, stderr);
            case ["list"]:
                return (keys, stdout, _) => ListAsync(keys, stdout);
            case ["revoke", var id]:
                if (!long.TryParse(id, CultureInfo.InvariantCulture, out var keyId))
                {
                    throw new UsageException($"revoke takes a key's number (see 'keys list'), not '{id}'.");
                }

                return (keys, stdout, _) => RevokeAsync(keys, keyId, stdout);
            default:
                throw new UsageException("Say what to do: 'keys create --role ROLE', 'keys list' or 'keys revoke ID'.");
        }
    }

    private static string? AdminKey(ParsedArgs args) =>
        args.Option("key") is { Length: > 0 } key ? key : Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;

    private static async Task<int> CreateAsync(IKeys keys, string role, IReadOnlyList<string>? regions, string name, TextWriter stdout, TextWriter stderr)
    {
        var (key, secret) = await keys.Create(role, regions, name);
        await stdout.WriteLineAsync(secret);
        await stderr.WriteLineAsync($"Key {key.KeyId} ({Describe(key)}) created; this is the only time it is shown.");
        return 0;
    }

    private static async Task<int> ListAsync(IKeys keys, TextWriter stdout)
    {
        foreach (var key in await keys.List())
        {
            var revoked = key.RevokedAt is { } at ? $"revoked {at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}" : "active";
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{key.KeyId}\t{key.Role}\t{(key.Regions is null ? "all regions" : string.Join(",", key.Regions))}\t{key.Name}\t{key.KeyPrefix}...\t{key.CreatedAt:yyyy-MM-dd HH:mm}\t{revoked}"));
        }

        return 0;
    }

    private static async Task<int> RevokeAsync(IKeys keys, long keyId, TextWriter stdout)
    {
        if (!await keys.Revoke(keyId))
        {
            throw new UsageException($"There is no active key {keyId}; 'analytics keys list' shows them.");
        }

        await stdout.WriteLineAsync($"Key {keyId} revoked.");
        return 0;
    }

    private static string Describe(ApiKey key) =>
        key.Role + (key.Regions is null ? ", all regions" : ", regions " + string.Join(",", key.Regions)) + ", \"" + key.Name + "\"";
}
