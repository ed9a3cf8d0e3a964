using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;
using DuckDB.NET.Data;

namespace Analytics.Tests.Dashboard;

/// <summary>
/// A small demo company loaded through the real loader, its marts built, one score run of every master account
/// written by the test itself (the models come from another part of the project), and the dashboard served over it.
/// Shared by the chart, page and browser tests, which run one after another in this collection.
/// </summary>
public sealed class DashboardCompanyFixture : IAsyncLifetime
{
    public const string Collection = "dashboard company";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "analytics-dashboard-" + Guid.NewGuid().ToString("N"));

    public WarehouseDatabase Database { get; private set; } = null!;

    public DashboardHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
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

        Host = await DashboardHost.StartAsync(Database);
    }

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
        await Host.DisposeAsync();
        Database.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}

[CollectionDefinition(DashboardCompanyFixture.Collection)]
public sealed class SharesTheDashboardCompany : ICollectionFixture<DashboardCompanyFixture>;
