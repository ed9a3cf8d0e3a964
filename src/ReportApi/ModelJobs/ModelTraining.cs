using Analytics.Models.Runs;
using Analytics.Warehouse;
using Analytics.Warehouse.Features;

namespace Analytics.ReportApi.ModelJobs;

/// <summary>Training and scoring as the service runs them: logged, and a warehouse too young to train is a warning, not a crash.</summary>
internal static class ModelTraining
{
    public static void Train(WarehouseDatabase database, ILogger logger)
    {
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var report = new TrainingPass(database).Run();
            foreach (var run in new[] { report.Churn, report.Value }.OfType<TrainedRun>())
            {
                logger.LogInformation("Trained {Version} in {Seconds:0.0} s: {Serving} ({Reason})",
                    run.Version, clock.Elapsed.TotalSeconds, run.IsServing ? "serves" : "does not serve", run.ServingReason);
            }
        }
        catch (WarehouseException e)
        {
            logger.LogWarning("Models not trained: {Reason}", e.Message);
        }
    }

    public static void Score(WarehouseDatabase database, ILogger logger)
    {
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var run = new ScoringPass(database).Run();
            logger.LogInformation("Scored {Accounts} accounts as of {AsOf:yyyy-MM-dd} (score run {Id}) in {Seconds:0.0} s",
                run.Accounts, run.AsOf, run.ScoreRunId, clock.Elapsed.TotalSeconds);
        }
        catch (WarehouseException e)
        {
            logger.LogWarning("Accounts not scored: {Reason}", e.Message);
        }
    }

    /// <summary>On the first run (no model serves yet) trains and scores, so a newcomer sees scores, not empty columns.</summary>
    public static void TrainAndScoreIfNone(WarehouseDatabase database, ILogger logger)
    {
        using (var connection = database.Connect())
        {
            if (new ModelRunRows(connection).Serving("churn") is not null)
            {
                return;
            }
        }

        logger.LogInformation("No model serves yet: training the churn and value models, then scoring every account...");
        Train(database, logger);
        Score(database, logger);
    }
}
