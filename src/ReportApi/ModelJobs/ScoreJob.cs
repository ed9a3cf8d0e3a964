using Analytics.Warehouse;
using Quartz;

namespace Analytics.ReportApi.ModelJobs;

/// <summary>
/// Scores every account with the serving models (nightly by default: Analytics:ScoreSchedule) and monitors the pass;
/// a pass that raises a monitoring alert starts the next training at once. Never runs twice at once.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ScoreJob(WarehouseDatabase database, ILogger<ScoreJob> logger) : IJob
{
    public static readonly JobKey Key = new("models-score");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ModelTraining.Score(database, logger).Count > 0)
        {
            logger.LogWarning("Model alerts raised: starting the next training now");
            await context.Scheduler.TriggerJob(TrainJob.Key, cancellationToken);
        }
    }
}
