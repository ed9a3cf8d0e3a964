using System.Text;
using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Ingest.Loading;
using Analytics.Models.Runs;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Campaigns;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Support;

/// <summary>
/// The demo company as a user finds it after the first start: the documented demo keys and a first admin key
/// (in that order, so key ids are those of a real first run), the demo written into data/demo and loaded through
/// the real loader, the marts built, the models trained and every account scored, the service on a loopback
/// socket, and one campaign frozen by marketing. <see cref="Folder"/> is the folder the service runs in
/// (data/warehouse.duckdb under it), where the docs' commands run too.
/// Shared by the notebook and the docs-example tests.
/// </summary>
public sealed class DemoService : IAsyncLifetime
{
    public const string Collection = "demo service";

    public string Folder { get; } = Directory.CreateTempSubdirectory("analytics-demo-service-").FullName;

    public WarehouseDatabase Database { get; private set; } = null!;

    public AnalyticsFactory Service { get; private set; } = null!;

    /// <summary>The demo company's own campaign, frozen on a past day, whose outcome shows the planted lift.</summary>
    public long? DemoCampaignId { get; private set; }

    /// <summary>The service's address, e.g. http://127.0.0.1:41234 (no trailing slash): what http://localhost:5000 is in the docs.</summary>
    public string Url => Service.Address.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        var company = Path.Combine(Folder, "data", "demo");
        // A fixed day, so the data (and every figure the tests compare) never changes.
        var demo = DemoCompany.Write(company, new DemoOptions(new DateOnly(2026, 1, 15)) { Accounts = 600, Years = 3, Seed = 7 });
        Database = WarehouseDatabase.Open(Path.Combine(Folder, "data", "warehouse.duckdb"));
        using (var connection = Database.Connect())
        {
            DemoKeys.Store(connection);
            ApiKeyStore.Create(connection, Roles.Admin, null, "first admin");
            // As the first start does: the demo company's regions are the company's (company.regions).
            MartSettings.Set(connection, "company.regions", string.Join(",", DemoCompany.Regions));
        }

        foreach (var report in new FileLoader(Database).LoadAll([company], new LoadOptions()))
        {
            Assert.NotEqual(LoadStatus.Failed, report.Status);
        }

        using (var connection = Database.Connect())
        {
            new MartBuilder(connection).Refresh();
        }

        _ = new TrainingPass(Database).Run();
        _ = new ScoringPass(Database).Run();
        using (var connection = Database.Connect())
        {
            // As the first start does: the campaign the demo company ran on a past day (campaign 1).
            DemoCampaignId = DemoCampaignRecord.Record(connection, demo.Campaign);
        }

        Service = new AnalyticsFactory(Database, onSocket: true);
        Service.StartServer();

        // Marketing freezes a campaign of the A and B accounts, a fifth held out as control (docs/access-and-campaigns.md).
        using var marketing = Service.Client(DemoKeys.Marketing);
        using var body = new StringContent(
            """{"name":"续约关怀","rule":{"tiers":["A","B"]},"controlFraction":0.2,"seed":7}""", Encoding.UTF8, "application/json");
        using var frozen = await marketing.PostAsync(new Uri("/api/campaigns", UriKind.Relative), body);
        Assert.True(frozen.IsSuccessStatusCode, await frozen.Content.ReadAsStringAsync());
    }

    public T Scalar<T>(string sql, params object?[] parameters)
    {
        using var connection = Database.Connect();
        return connection.Scalar<T>(sql, parameters);
    }

    /// <summary>Every demo key works again (a docs example may revoke one, as `analytics keys revoke 3` does).</summary>
    public void RestoreDemoKeys()
    {
        using var connection = Database.Connect();
        foreach (var (secret, _, _, _) in DemoKeys.All)
        {
            connection.Execute("update access.api_keys set revoked_at = null where key_hash = $1", ApiKeyStore.Hash(secret));
        }
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        Database.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

[CollectionDefinition(DemoService.Collection)]
public sealed class SharesTheDemoService : ICollectionFixture<DemoService>;
