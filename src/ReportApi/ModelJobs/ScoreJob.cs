using Analytics.Warehouse;
using Quartz;

namespace Analytics.ReportApi.ModelJobs;

/// <summary>Scores every account with the serving models (nightly by default: Analytics:ScoreSchedule). Never runs twice at once.</summary>
[DisallowConcurrentExecution]
internal sealed class ScoreJob(WarehouseDatabase database, ILogger<ScoreJob> logger) : IJob
{
    public static readonly JobKey Key = new("models-score");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ModelTraining.Score(database, logger);
        return ValueTask.CompletedTask;
    }
}
