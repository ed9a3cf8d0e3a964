using Analytics.Models.Monitoring;
using Analytics.Models.Runs;
using Analytics.Models.Scores;
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

    /// <summary>Scores every account, then monitors the pass; the alerts it raised (none when not scored).</summary>
    public static IReadOnlyList<MonitoringAlert> Score(WarehouseDatabase database, ILogger logger)
    {
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var run = new ScoringPass(database).Run();
            logger.LogInformation("Scored {Accounts} accounts as of {AsOf:yyyy-MM-dd} (score run {Id}) in {Seconds:0.0} s",
                run.Accounts, run.AsOf, run.ScoreRunId, clock.Elapsed.TotalSeconds);
            return Monitor(new PassMonitor(database), run, logger);
        }
        catch (WarehouseException e)
        {
            logger.LogWarning("Accounts not scored: {Reason}", e.Message);
            return [];
        }
    }

    /// <summary>Scores monitoring.backfill_passes past days (the first run's history of evaluated passes), each monitored.</summary>
    public static void Backfill(WarehouseDatabase database, ILogger logger)
    {
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            foreach (var report in PassBackfill.Run(database))
            {
                Log(report, logger);
            }

            logger.LogInformation("Backfilled past scoring passes in {Seconds:0.0} s", clock.Elapsed.TotalSeconds);
        }
        catch (WarehouseException e)
        {
            logger.LogWarning("Past scoring passes not backfilled: {Reason}", e.Message);
        }
    }

    private static IReadOnlyList<MonitoringAlert> Monitor(PassMonitor monitor, ScoreRun run, ILogger logger)
    {
        var report = monitor.Check(run);
        Log(report, logger);
        return report.Alerts;
    }

    // The scoring log: each evaluated pass's realised figures, then every alert as a warning.
    private static void Log(MonitoringReport report, ILogger logger)
    {
        if (report.NotMeasured is { } why)
        {
            logger.LogInformation("Score run {Id} not monitored: {Reason}", report.Pass.ScoreRunId, why);
        }

        foreach (var o in report.Evaluated.Where(o => o.IsOverall && o.Model == "churn"))
        {
            logger.LogInformation("Score run {Id} as of {AsOf:yyyy-MM-dd}, outcome known: churn realised ROC AUC {Auc:0.000} (trained {Trained:0.000}) on {Accounts} accounts",
                o.ScoreRunId, o.AsOf, o.RocAuc, o.TrainedRocAuc, o.Accounts);
        }

        foreach (var o in report.Evaluated.Where(o => o.IsOverall && o.Model == "value"))
        {
            logger.LogInformation("Score run {Id} as of {AsOf:yyyy-MM-dd}, outcome known: value top-20% capture {Capture:0.000}, MAE {Mae:0} on {Accounts} accounts",
                o.ScoreRunId, o.AsOf, o.Top20Capture, o.Mae, o.Accounts);
        }

        foreach (var alert in report.Alerts)
        {
            logger.LogWarning("Model alert (score run {Id}): {Alert}", report.Pass.ScoreRunId, alert.Describe());
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

        logger.LogInformation("No model serves yet: training the churn and value models, then scoring past days and every account...");
        Train(database, logger);
        Backfill(database, logger);
        Score(database, logger);
    }
}
