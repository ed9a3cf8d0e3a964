using Analytics.Ingest;
using Analytics.Ingest.Inbox;
using Analytics.Ingest.Loading;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;
using Microsoft.Extensions.Options;
using Quartz;

namespace Analytics.ReportApi.Inbox;

/// <summary>Loads what has arrived in the inbox, then refreshes what the loads changed in the marts. Never runs twice at once.</summary>
[DisallowConcurrentExecution]
internal sealed class InboxJob(WarehouseDatabase database, IOptions<AnalyticsSettings> settings, ILogger<InboxJob> logger) : IJob
{
    public static readonly JobKey Key = new("inbox-scan");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var inbox = new InboxFolder(settings.Value.InboxPath, new FileLoader(database), TimeSpan.FromSeconds(settings.Value.InboxQuietSeconds));
        var reports = inbox.ScanOnce();
        foreach (var report in reports)
        {
            if (report.Status == LoadStatus.Failed)
            {
                logger.LogWarning("Inbox: {Summary}: {Error}", report.Summary(), report.Error);
            }
            else
            {
                logger.LogInformation("Inbox: {Summary}", report.Summary());
            }
        }

        foreach (var warning in inbox.Warnings)
        {
            logger.LogWarning("Inbox: {Warning}", warning);
        }

        // Rebuilt whenever the marts are behind the data, not only after this scan's loads: a rebuild that failed is retried.
        using var connection = database.Connect();
        var marts = new MartBuilder(connection) { ServingReaders = true };
        if (marts.Freshness() is { Current: false } freshness)
        {
            var refresh = marts.RefreshChanged();
            logger.LogInformation("Marts refreshed at data version {Version}: {How}, because {Reason}", freshness.DataVersion,
                refresh.Full ? "every mart rebuilt" : $"{refresh.Timings.Count(t => t.Rebuild != MartRebuild.Unchanged)} marts rebuilt", refresh.Reason);
        }

        return ValueTask.CompletedTask;
    }
}
