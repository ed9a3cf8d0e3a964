using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Models.Runs;
using Analytics.Models.Scores;
using Analytics.Tests.Support;
using Analytics.Warehouse;
using Analytics.Warehouse.Features;

namespace Analytics.Tests.ModelRuns;

/// <summary>
/// One demo company (2,000 accounts, 3 years, fixed seed and day) loaded through the real loader, its marts built,
/// the models trained once and every account scored once; shared by the churn, value and model-run tests.
/// </summary>
public sealed class TrainedDemoFixture : IDisposable
{
    public TrainedDemoFixture()
    {
        var company = Folder.File("company");
        DemoCompany.Write(company, new DemoOptions(new DateOnly(2026, 1, 15)) { Accounts = 2000, Years = 3, Seed = 11 });
        Database = WarehouseDatabase.Open(Folder.File("warehouse.duckdb"));
        foreach (var report in new FileLoader(Database).LoadAll([company], new LoadOptions()))
        {
            Assert.NotEqual(Ingest.Loading.LoadStatus.Failed, report.Status);
        }

        using (var connection = Database.Connect())
        {
            new Warehouse.Marts.MartBuilder(connection).Refresh();
        }

        Report = new TrainingPass(Database).Run();
        ScoreRun = new ScoringPass(Database).Run();
    }

    public TempFolder Folder { get; } = new();

    public WarehouseDatabase Database { get; }

    public TrainingReport Report { get; }

    public ScoreRun ScoreRun { get; }

    public T Scalar<T>(string sql, params object?[] parameters)
    {
        using var connection = Database.Connect();
        return connection.Scalar<T>(sql, parameters);
    }

    public List<T> Rows<T>(string sql, Func<System.Data.Common.DbDataReader, T> map, params object?[] parameters)
    {
        using var connection = Database.Connect();
        return connection.Rows(sql, map, parameters);
    }

    public void Dispose()
    {
        Database.Dispose();
        Folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class TrainedDemoGroup : ICollectionFixture<TrainedDemoFixture>
{
    public const string Name = "trained demo company";
}
