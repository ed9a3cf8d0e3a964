using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Models.Monitoring;

/// <summary>The monitoring.* thresholds applied to a pass's drift and to the outcomes it evaluated, and the alert store.</summary>
public static class MonitoringAlerts
{
    public static IReadOnlyList<MonitoringAlert> Of(long scoreRunId, IEnumerable<DriftRow> drift, IEnumerable<PassOutcome> evaluated, MonitoringSettings settings)
    {
        ArgumentNullException.ThrowIfNull(drift);
        ArgumentNullException.ThrowIfNull(evaluated);
        ArgumentNullException.ThrowIfNull(settings);
        var alerts = new List<MonitoringAlert>();
        foreach (var row in drift)
        {
            if (row.Check.Psi >= settings.PsiAlert)
            {
                alerts.Add(new MonitoringAlert(scoreRunId, "psi", row.Quantity, row.Check.Psi, settings.PsiAlert));
            }

            if (row.Check.MissingShare - row.TrainingMissingShare > settings.MissingAlert)
            {
                alerts.Add(new MonitoringAlert(scoreRunId, "missing", row.Quantity, row.Check.MissingShare, settings.MissingAlert));
            }

            if (row.Check.OutOfRangeShare > settings.OutOfRangeAlert)
            {
                alerts.Add(new MonitoringAlert(scoreRunId, "out_of_range", row.Quantity, row.Check.OutOfRangeShare, settings.OutOfRangeAlert));
            }
        }

        // The whole book's realised AUC only: a small group's AUC swings with a handful of churners.
        alerts.AddRange(evaluated
            .Where(o => o.Model == "churn" && o.IsOverall && o.RocAuc < o.TrainedRocAuc - settings.AucDrop)
            .Select(o => new MonitoringAlert(o.ScoreRunId, "auc_drop", "churn", o.RocAuc!.Value, o.TrainedRocAuc!.Value)));
        return alerts;
    }

    public static void Write(DuckDBConnection connection, long raisedIn, IEnumerable<MonitoringAlert> alerts, DateTimeOffset raisedAt)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        foreach (var a in alerts)
        {
            connection.Execute("""
                insert into models.monitoring_alerts (score_run_id, raised_in, kind, subject, value, threshold, raised_at)
                values ($1, $2, $3, $4, $5, $6, $7)
                """, a.ScoreRunId, raisedIn, a.Kind, a.Subject, a.Value, a.Threshold, raisedAt.UtcDateTime);
        }
    }

    /// <summary>The alerts the latest scoring pass raised (none once a pass runs clean).</summary>
    /// <summary>
    /// Changes whenever a scoring pass is written or raises an alert (the latest pass and the count of alerts: a pass
    /// writes its run before its alerts), so a reader may keep <see cref="Current"/> until it does.
    /// </summary>
    public static string Written(DuckDBConnection connection) =>
        connection.Scalar<string>(
            "select concat_ws(':', (select max(score_run_id) from models.score_runs), (select count(*) from models.monitoring_alerts))");

    public static IReadOnlyList<MonitoringAlert> Current(DuckDBConnection connection) =>
        connection.Rows("""
            select score_run_id, kind, subject, value, threshold from models.monitoring_alerts
            where raised_in = (select max(score_run_id) from models.score_runs)
            order by kind, subject
            """,
            r => new MonitoringAlert(r.Get<long>("score_run_id"), r.Get<string>("kind"), r.Get<string>("subject"), r.Get<double>("value"), r.Get<double>("threshold")));
}
