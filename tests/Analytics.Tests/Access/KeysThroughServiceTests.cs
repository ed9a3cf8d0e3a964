using System.Net;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Cli;
using Analytics.Tests.Support;

namespace Analytics.Tests.Access;

/// <summary>
/// analytics keys while a service holds the warehouse: the verb calls the running service's /api/keys with an
/// admin key (--key or ANALYTICS_KEY), and what it revokes is refused at the service's next request.
/// </summary>
public sealed class KeysThroughServiceTests : IAsyncLifetime, IDisposable
{
    private const string AdminKey = "keys-through-service-admin-key";
    private const string AnalystKey = "keys-through-service-analyst-key";
    private readonly TestWarehouse _warehouse = new();
    private AnalyticsFactory _server = null!;

    public Task InitializeAsync()
    {
        using (var connection = _warehouse.Connect())
        {
            ApiKeyStore.Store(connection, Roles.Admin, null, "admin", AdminKey);
            ApiKeyStore.Store(connection, Roles.Analyst, null, "analyst", AnalystKey);
        }

        _server = new AnalyticsFactory(_warehouse.Database, onSocket: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _server.Dispose();
        _warehouse.Dispose();
    }

    private string Url => _server.Address.ToString().TrimEnd('/');

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Create_list_and_revoke_go_through_the_running_service_and_a_revoked_key_is_refused_at_once()
    {
        var (code, secret, err) = await Run("keys", "create", "--role", "manager", "--regions", "华东", "--name", "East", "--urls", Url, "--key", AdminKey);
        Assert.True(code == 0, err);
        secret = secret.Trim();
        Assert.Matches("^ak_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal("Key 3 (manager, regions 华东, \"East\") created; this is the only time it is shown.\n", err);
        using var manager = new HttpClient { BaseAddress = _server.Address };
        manager.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        using (var before = await manager.GetAsync(new Uri("/api/campaigns", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // The admin key may come from the environment instead, out of the process list.
        Environment.SetEnvironmentVariable("ANALYTICS_KEY", AdminKey);
        try
        {
            var (listCode, list, _) = await Run("keys", "list", "--urls", Url);
            Assert.Equal(0, listCode);
            var lines = list.TrimEnd('\n').Split('\n');
            Assert.Equal(3, lines.Length);
            Assert.StartsWith("3\tmanager\t华东\tEast\t" + secret[..8] + "...\t", lines[2], StringComparison.Ordinal);
            Assert.EndsWith("\tactive", lines[2], StringComparison.Ordinal);
            Assert.StartsWith("1\tadmin\tall regions\tadmin\tkeys-thr...\t", lines[0], StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ANALYTICS_KEY", null);
        }

        Assert.Equal((0, "Key 3 revoked.\n", ""), await Run("keys", "revoke", "3", "--urls", Url, "--key", AdminKey));
        using (var after = await manager.GetAsync(new Uri("/api/campaigns", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }

        Assert.Contains("\trevoked 20", (await Run("keys", "list", "--urls", Url, "--key", AdminKey)).Out, StringComparison.Ordinal);
        Assert.Equal((2, "", "There is no active key 3; 'analytics keys list' shows them.\n"), await Run("keys", "revoke", "3", "--urls", Url, "--key", AdminKey));
        Assert.Equal((2, "", "There is no role 'boss'; the roles are admin, manager, analyst, marketing.\n"),
            await Run("keys", "create", "--role", "boss", "--urls", Url, "--key", AdminKey));
    }

    [Fact]
    public async Task Without_an_admin_key_the_verb_says_where_to_give_one()
    {
        Assert.Equal((2, "", $"Managing keys through the service at {Url} needs an admin key: give --key KEY or set ANALYTICS_KEY.\n"),
            await Run("keys", "list", "--urls", Url));
        Assert.Equal((2, "", $"The service at {Url} refused: The analyst role may not GET /api/keys.\n"),
            await Run("keys", "list", "--urls", Url, "--key", AnalystKey));
        Assert.Equal((2, "", $"The service at {Url} refused: This API key is not known.\n"),
            await Run("keys", "revoke", "1", "--urls", Url, "--key", "no-such-key"));
        Assert.Null(_warehouse.Scalar<DateTime?>("select revoked_at from access.api_keys where key_id = 1"));
    }

    [Fact]
    public async Task Where_no_service_answers_the_verb_says_so()
    {
        var url = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        var (code, stdout, stderr) = await Run("keys", "list", "--urls", url, "--key", AdminKey);
        Assert.Equal((1, ""), (code, stdout));
        Assert.StartsWith($"No service answers at {url}: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_serve_process_holds_the_file_and_keys_go_through_it()
    {
        using var folder = new TempFolder();
        var (code, admin, err) = await AnalyticsProcess.RunAsync(folder.Path, "keys", "create", "--role", "admin", "--db", "w.duckdb");
        Assert.True(code == 0, err);
        admin = admin.Trim();
        var (serve, port) = await ServeProcess.StartAsync(folder, "w.duckdb");
        try
        {
            // Without an admin key the verb goes to the service as this machine's operator (the secret it wrote beside the warehouse).
            var held = await AnalyticsProcess.RunAsync(folder.Path, "keys", "list", "--db", "w.duckdb");
            Assert.True(held.ExitCode == 0, held.Stderr);
            Assert.StartsWith("1\tadmin\tall regions\tadmin key\t", held.Stdout, StringComparison.Ordinal);

            var created = await AnalyticsProcess.RunAsync(folder.Path, "keys", "create", "--role", "analyst", "--db", "w.duckdb", "--urls", $"http://127.0.0.1:{port}", "--key", admin);
            Assert.True(created.ExitCode == 0, created.Stderr);
            Assert.Equal("Key 2 (analyst, all regions, \"analyst key\") created; this is the only time it is shown.\n", created.Stderr);
        }
        finally
        {
            await ServeProcess.Stop(serve);
        }
    }
}
