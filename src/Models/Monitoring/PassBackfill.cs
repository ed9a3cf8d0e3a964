using Analytics.Models.Features;
using Analytics.Models.Runs;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.Models.Monitoring;

/// <summary>
/// Scores monitoring.backfill_passes past days with the serving models, monitoring.backfill_step_days apart, the
/// latest the holdout cutoff (as_of minus the horizon, the latest day whose outcome is known), and monitors each:
/// a first run then shows several passes evaluated instead of waiting a horizon for the first. Run before the first
/// regular pass, so the latest pass (models.current_scores) stays today's. The passes before the holdout cutoff
/// score days between the model's training cutoffs, so their outcome windows overlap the training's (out_of_time
/// says which passes are clear of it).
/// </summary>
public static class PassBackfill
{
    public static IReadOnlyList<MonitoringReport> Run(WarehouseDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        DateOnly holdout;
        MonitoringSettings settings;
        using (var connection = database.Connect())
        {
            settings = MonitoringSettings.Read(connection);
            holdout = MartsAsOf.Read(connection).AddDays(-ModelSettings.Read(connection).HorizonDays);
        }

        var scoring = new ScoringPass(database);
        var monitor = new PassMonitor(database);
        return [.. Enumerable.Range(0, settings.BackfillPasses).Reverse()
            .Select(k => monitor.Check(scoring.RunAsOf(holdout.AddDays(-k * settings.BackfillStepDays))))];
    }
}
