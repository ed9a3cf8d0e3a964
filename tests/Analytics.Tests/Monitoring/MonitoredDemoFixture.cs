using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Models.Monitoring;
using Analytics.Models.Runs;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Monitoring;

/// <summary>
/// A demo company (600 accounts, 3 years, fixed seed and day) loaded through the real loader, its models trained,
/// past passes backfilled and today's pass scored and monitored, as a first run does; before the passes, copies of that
/// warehouse file (<see cref="Drifted"/>, <see cref="Steady"/>, <see cref="Stopped"/>), in which a test injects drift
/// or not before its own pass.
/// </summary>
public sealed class MonitoredDemoFixture : IDisposable
{
    public MonitoredDemoFixture()
    {
        var company = Folder.File("company");
        DemoCompany.Write(company, new DemoOptions(new DateOnly(2026, 1, 15)) { Accounts = 600, Years = 3, Seed = 5 });
        var path = Folder.File("warehouse.duckdb");
        using (var database = WarehouseDatabase.Open(path))
        {
            foreach (var report in new FileLoader(database).LoadAll([company], new LoadOptions()))
            {
                Assert.NotEqual(Ingest.Loading.LoadStatus.Failed, report.Status);
            }

            using (var connection = database.Connect())
            {
                new Warehouse.Marts.MartBuilder(connection).Refresh();
            }

            Training = new TrainingPass(database).Run();
        }

        // The copies hold the same trained models and nothing scored: one pass there shows what drift does.
        Drifted = Copy(path, "drifted");
        Steady = Copy(path, "steady");
        Stopped = Copy(path, "stopped");

        Database = WarehouseDatabase.Open(path);
        Backfill = PassBackfill.Run(Database);
        Today = new PassMonitor(Database).Check(new ScoringPass(Database).Run());
    }

    public TempFolder Folder { get; } = new();

    public WarehouseDatabase Database { get; }

    public WarehouseDatabase Drifted { get; }

    /// <summary>A copy as trained, left as it is (the scheduler's tests score it).</summary>
    public WarehouseDatabase Steady { get; }

    /// <summary>A copy as trained, whose tests stop the ticket export.</summary>
    public WarehouseDatabase Stopped { get; }

    public TrainingReport Training { get; }

    public IReadOnlyList<MonitoringReport> Backfill { get; }

    public MonitoringReport Today { get; }

    private WarehouseDatabase Copy(string path, string name)
    {
        File.Copy(path, Folder.File(name + ".duckdb"));
        if (File.Exists(path + ".wal"))
        {
            File.Copy(path + ".wal", Folder.File(name + ".duckdb.wal"));
        }

        return WarehouseDatabase.Open(Folder.File(name + ".duckdb"));
    }

    public void Dispose()
    {
        Database.Dispose();
        Drifted.Dispose();
        Steady.Dispose();
        Stopped.Dispose();
        Folder.Dispose();
    }
}
