using Analytics.ReportApi.Access;
using Analytics.ReportApi.Cli;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Access;

/// <summary>analytics keys create, list and revoke, run as the command line runs them.</summary>
public sealed class KeysVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--db", _folder.File("w.duckdb")], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Create_prints_the_key_once_the_warehouse_keeps_only_its_hash_and_revoke_stops_it()
    {
        var (code, key, err) = await Run("keys", "create", "--role", "manager", "--regions", "华东, 华北", "--name", "East and North");
        Assert.Equal(0, code);
        key = key.Trim();
        Assert.Matches("^ak_[A-Za-z0-9_-]{43}$", key);
        Assert.Contains("only time", err, StringComparison.Ordinal);

        using (var database = Analytics.Warehouse.WarehouseDatabase.Open(_folder.File("w.duckdb")))
        using (var connection = database.Connect())
        {
            var stored = ApiKeyStore.Find(connection, ApiKeyStore.Hash(key))!;
            Assert.Equal(("manager", "East and North"), (stored.Role, stored.Name));
            Assert.Equal(["华东", "华北"], stored.Regions!);
            // Nowhere in the table is the key itself.
            Assert.Equal(0, connection.Scalar<long>("select count(*) from access.api_keys where position($1 in concat_ws('|', name, role, key_hash, key_prefix)) > 0", key));
            Assert.Equal(ApiKeyStore.Hash(key), connection.Scalar<string>("select key_hash from access.api_keys where key_id = $1", stored.KeyId));
        }

        var (_, list, _) = await Run("keys", "list");
        Assert.Contains("manager\t华东,华北\tEast and North\tak_", list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.EndsWith("active", list.Trim(), StringComparison.Ordinal);

        Assert.Equal(0, (await Run("keys", "revoke", "1")).Code);
        Assert.Contains("revoked 20", (await Run("keys", "list")).Out, StringComparison.Ordinal);
        var again = await Run("keys", "revoke", "1");
        Assert.Equal((2, "There is no active key 1; 'analytics keys list' shows them.\n"), (again.Code, again.Err));
    }

    [Theory]
    [InlineData("There is no role 'boss'; the roles are admin, manager, analyst, marketing.\n", "keys", "create", "--role", "boss")]
    [InlineData("Give the key's --role: admin, manager, analyst, marketing.\n", "keys", "create")]
    [InlineData("--regions needs at least one region, separated by commas.\n", "keys", "create", "--role", "analyst", "--regions", " , ")]
    [InlineData("revoke takes a key's number (see 'keys list'), not 'x'.\n", "keys", "revoke", "x")]
    [InlineData("Say what to do: 'keys create --role ROLE', 'keys list' or 'keys revoke ID'.\n", "keys")]
    public async Task Bad_usage_is_one_sentence_and_exit_2(string message, params string[] args)
    {
        var (code, stdout, stderr) = await Run(args);
        Assert.Equal((2, "", message), (code, stdout, stderr));
    }
}
