using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.ReportApi.Access;
using Analytics.Tests.Support;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;
using DuckDB.NET.Data;

namespace Analytics.Tests.Dashboard;

/// <summary>
/// A small demo company loaded through the real loader, its marts built, one score run of every master account
/// written by the test itself (the models come from another part of the project), and the service on a loopback
/// socket over it (a browser needs a real one).
/// Shared by the chart, page and browser tests, which run one after another in this collection.
/// </summary>
public sealed class DashboardCompanyFixture : IAsyncLifetime
{
    public const string Collection = "dashboard company";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "analytics-dashboard-" + Guid.NewGuid().ToString("N"));

    public WarehouseDatabase Database { get; private set; } = null!;

    public AnalyticsFactory Service { get; private set; } = null!;

    public Uri Address => Service.Address;

    /// <summary>The key of the whole warehouse's scope (an admin's), as the browser sends it.</summary>
    public string AdminKey => Service.Key(Roles.Admin);

    public Task InitializeAsync()
    {
        var folder = Path.Combine(_root, "company");
        DemoCompany.Write(folder, new DemoOptions(new DateOnly(2026, 1, 15)) { Accounts = 300, Years = 2, Seed = 11 });
        Database = WarehouseDatabase.Open(Path.Combine(_root, "warehouse.duckdb"));
        _ = new FileLoader(Database).LoadAll([folder], new LoadOptions()).ToList();
        using (var connection = Database.Connect())
        {
            new MartBuilder(connection).Refresh();
            Scores.Write(connection, 1, seed: 1);
        }

        Service = new AnalyticsFactory(Database, onSocket: true);
        Service.StartServer();
        return Task.CompletedTask;
    }

    /// <summary>A client of the admin: the whole warehouse.</summary>
    public HttpClient Client() => Service.Client(AdminKey);

    public DuckDBConnection Connect() => Database.Connect();

    public T Scalar<T>(string sql, params object?[] parameters)
    {
        using var connection = Connect();
        return connection.Scalar<T>(sql, parameters);
    }

    public List<T> Rows<T>(string sql, Func<System.Data.Common.DbDataReader, T> map, params object?[] parameters)
    {
        using var connection = Connect();
        return connection.Rows(sql, map, parameters);
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        Database.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}

[CollectionDefinition(DashboardCompanyFixture.Collection)]
public sealed class SharesTheDashboardCompany : ICollectionFixture<DashboardCompanyFixture>;
