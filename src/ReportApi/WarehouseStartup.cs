using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Ingest.Loading;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;
using Microsoft.Extensions.Options;

namespace Analytics.ReportApi;

/// <summary>
/// Before the first request: on an empty warehouse, writes the demo company and loads it through the
/// normal load path (a newcomer sees a living business, not an empty page); then makes sure the marts exist and
/// were built by this release's SQL from the data the warehouse holds (a process killed between a load's commit and the rebuild after it
/// leaves them behind; 'analytics load' never rebuilds).
/// Each step says in the log when it starts and what it came to: a first start takes about a minute.
/// </summary>
internal sealed class WarehouseStartup(WarehouseDatabase database, IOptions<AnalyticsSettings> options, ILogger<WarehouseStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var connection = database.Connect();
        var loadedDemo = database.LoadedFiles() == 0 && settings.DemoOnFirstRun;
        var demo = loadedDemo ? LoadDemo(settings, connection) : null;

        var marts = new MartBuilder(connection) { ServingReaders = true };
        // Not only missing tables and unbuilt loads: an upgrade that changed a mart's SQL leaves every table in place
        // but its columns old, and the pages reading the new ones would fail. RefreshChanged decides from all of it
        // (hashing the inputs once) and does nothing when the marts are current.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var refresh = marts.RefreshChanged();
        if (refresh.Timings.Count > 0)
        {
            logger.LogInformation("Marts built in {Seconds:0.0} s ({How}: {Reason})", clock.Elapsed.TotalSeconds,
                refresh.Full ? "every mart" : "what the loads changed", refresh.Reason);
        }

        if (settings.TrainOnFirstRun)
        {
            ModelJobs.ModelTraining.TrainAndScoreIfNone(database, logger);
        }

        if (demo is not null)
        {
            RecordDemoCampaign(connection, demo.Campaign);
        }

        logger.LogInformation("Warehouse {Path}: {Files} files loaded, data version {Version}",
            database.FilePath, database.LoadedFiles(), refresh.DataVersion);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void RecordDemoCampaign(DuckDB.NET.Data.DuckDBConnection connection, DemoCampaignList campaign)
    {
        if (Campaigns.DemoCampaignRecord.Record(connection, campaign) is { } id)
        {
            logger.LogInformation("Demo campaign {Id} frozen on {Day:yyyy-MM-dd}: {Targeted} visited, {Control} held out",
                id, campaign.FrozenOn, campaign.Targeted.Count, campaign.Control.Count);
        }
    }

    private DemoSummary LoadDemo(AnalyticsSettings settings, DuckDB.NET.Data.DuckDBConnection connection)
    {
        var folder = Path.Combine(Path.GetDirectoryName(database.FilePath)!, "demo");
        logger.LogInformation("Empty warehouse: writing the demo company ({Accounts} accounts, {Years} years) into {Folder}",
            settings.DemoAccounts, settings.DemoYears, folder);
        var summary = DemoCompany.Write(folder, new DemoOptions(DateOnly.FromDateTime(DateTime.UtcNow))
        {
            Accounts = settings.DemoAccounts,
            Years = settings.DemoYears,
        });
        // The company's regions, so an accounts file later dropped in with a region the demo company has not is rejected.
        MartSettings.Set(connection, "company.regions", string.Join(",", DemoCompany.Regions));

        foreach (var report in new FileLoader(database).LoadAll([folder], new LoadOptions()))
        {
            if (report.Status == LoadStatus.Failed)
            {
                throw new WarehouseException($"The demo file {report.File} did not load: {report.Error}");
            }

            logger.LogInformation("Demo: {Summary}", report.Summary());
        }

        logger.LogInformation("Demo company {Start:yyyy-MM-dd} to {End:yyyy-MM-dd} loaded", summary.Start, summary.End);
        return summary;
    }
}
