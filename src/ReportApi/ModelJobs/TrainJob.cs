using Analytics.Warehouse;
using Quartz;

namespace Analytics.ReportApi.ModelJobs;

/// <summary>Retrains the churn and value models (weekly by default: Analytics:TrainSchedule). Never runs twice at once.</summary>
[DisallowConcurrentExecution]
internal sealed class TrainJob(WarehouseDatabase database, ILogger<TrainJob> logger) : IJob
{
    public static readonly JobKey Key = new("models-train");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ModelTraining.Train(database, logger);
        return ValueTask.CompletedTask;
    }
}
