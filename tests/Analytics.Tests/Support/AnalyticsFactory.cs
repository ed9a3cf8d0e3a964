using System.Net.Http.Headers;
using Analytics.ReportApi;
using Analytics.ReportApi.Access;
using Analytics.Warehouse;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Analytics.Tests.Support;

/// <summary>
/// The real service, started as 'analytics serve' starts it (Program, every registration, the middleware, the
/// access check), on a test's warehouse: the settings come in as configuration, and the test's own
/// <see cref="WarehouseDatabase"/> is the singleton, since DuckDB keeps one database per file and process.
/// Requests carry real API keys, stored on demand for a role and its regions.
/// </summary>
public sealed class AnalyticsFactory : WebApplicationFactory<Program>
{
    private readonly WarehouseDatabase _database;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _onSocket;
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <param name="services">what a test changes in the registrations (a page size, a time limit), after the service's own.</param>
    /// <param name="onSocket">serve through Kestrel on a free loopback port (a browser needs a real socket), not in memory.</param>
    public AnalyticsFactory(WarehouseDatabase database, Action<IServiceCollection>? services = null, bool onSocket = false)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _services = services;
        _onSocket = onSocket;
        if (onSocket)
        {
            UseKestrel(0);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(Environments.Production);
        foreach (var (key, value) in Settings(_database.FilePath))
        {
            builder.UseSetting($"{AnalyticsSettings.Section}:{key}", value);
        }

        // The log keeps its warnings (a failed job, the first admin key) without burying the test output.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(_database);
            _services?.Invoke(services);
        });
    }

    /// <summary>The section Analytics a test's service runs with, on the warehouse at <paramref name="warehousePath"/>.</summary>
    internal static Dictionary<string, string> Settings(string warehousePath) => new(StringComparer.Ordinal)
    {
        [nameof(AnalyticsSettings.WarehousePath)] = warehousePath,
        [nameof(AnalyticsSettings.InboxPath)] = Path.Combine(Path.GetDirectoryName(warehousePath)!, "inbox"),
        [nameof(AnalyticsSettings.InboxScanSeconds)] = "3600",
        // The test's warehouse is what it filled: no demo company, and no start-up training adding a score run of its own.
        [nameof(AnalyticsSettings.DemoOnFirstRun)] = "false",
        [nameof(AnalyticsSettings.TrainOnFirstRun)] = "false",
        // Nor may the nightly scoring fire while a test runs across 03:00 UTC (Quartz cron with a year field).
        [nameof(AnalyticsSettings.TrainSchedule)] = "0 0 2 1 1 ? 2099",
        [nameof(AnalyticsSettings.ScoreSchedule)] = "0 0 3 1 1 ? 2099",
    };

    /// <summary>Where the server listens when it is on a socket, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    /// <summary>A client that sends <paramref name="key"/> as a bearer token, or no key at all; it follows no redirect and keeps no cookie.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            // In memory any host name reaches the server; on a socket only its own address does.
            BaseAddress = _onSocket ? Address : new Uri("http://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>A key of <paramref name="role"/> limited to <paramref name="regions"/> (null: every region), stored the first time it is asked for.</summary>
    public string Key(string role, IReadOnlyList<string>? regions = null)
    {
        var name = regions is null ? $"test {role}" : $"test {role} for [{string.Join(",", regions)}]";
        lock (_gate)
        {
            if (!_keys.TryGetValue(name, out var secret))
            {
                using var connection = _database.Connect();
                secret = regions is { Count: 0 } ? StoreForNoRegion(connection, role, name) : ApiKeyStore.Create(connection, role, regions, name).Secret;
                _keys[name] = secret;
            }

            return secret;
        }
    }

    /// <summary>
    /// The key store refuses a key for no region (at the command line that is a typing mistake), yet the scope such
    /// a key would give must still see no account: the key is written straight into the table.
    /// </summary>
    private static string StoreForNoRegion(DuckDBConnection connection, string role, string name)
    {
        var secret = $"test-{role}-no-region-{Guid.NewGuid():N}";
        connection.Execute(
            """
            insert into access.api_keys (key_id, name, role, regions, key_hash, key_prefix, created_at)
            values (nextval('access.key_seq'), $1, $2, []::varchar[], $3, $4, now())
            """,
            name, role, ApiKeyStore.Hash(secret), secret[..8]);
        return secret;
    }
}
