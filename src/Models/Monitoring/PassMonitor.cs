using Analytics.Models.Features;
using Analytics.Models.Runs;
using Analytics.Models.Scores;
using Analytics.Warehouse;

namespace Analytics.Models.Monitoring;

/// <summary>
/// What monitoring found after one scoring pass: its drift, the older passes it evaluated, the alerts.
/// NotMeasured says why a pass was not monitored (a churn model learned from a label and the accounts' attributes has no
/// training cutoffs to rebuild its training data from, nor order history to realise outcomes in).
/// </summary>
public sealed record MonitoringReport(ScoreRun Pass, IReadOnlyList<DriftRow> Drift, IReadOnlyList<PassOutcome> Evaluated, IReadOnlyList<MonitoringAlert> Alerts, string? NotMeasured = null);

/// <summary>
/// Checks a scoring pass once it is stored: its drift against the training data of the churn version that scored it,
/// the outcomes of every pass whose horizon has now passed, and the alerts either raises, written in one
/// transaction. Keeps the training reference between passes of the same version (the backfill scores several).
/// </summary>
public sealed class PassMonitor(WarehouseDatabase database)
{
    private TrainingReference? reference;

    public MonitoringReport Check(ScoreRun pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        using var connection = database.Connect();
        var settings = ModelSettings.Read(connection);
        var thresholds = MonitoringSettings.Read(connection);
        var churn = new ModelRunRows(connection).All("churn").FirstOrDefault(r => r.Version == pass.ChurnVersion)
            ?? throw new WarehouseException($"Score run {pass.ScoreRunId} names no recorded churn model; its drift cannot be measured.");
        if (churn is not { TrainFrom: not null, TrainTo: not null, Artifact: not null })
        {
            return new MonitoringReport(pass, [], [], [], $"the churn model {churn.Version} learned from a label and the accounts' attributes, with no training cutoffs: drift and outcomes are measured only for models trained on order history");
        }

        if (reference?.Version != churn.Version)
        {
            reference = TrainingReference.Build(connection, churn, settings);
        }

        var days = new FeatureDays(connection);
        var drift = PassDrift.Measure(connection, reference, pass.ScoreRunId, pass.AsOf, days);
        var evaluated = PassOutcomes.EvaluateDue(connection, settings, days);
        var alerts = MonitoringAlerts.Of(pass.ScoreRunId, drift, evaluated, thresholds);
        var now = DateTimeOffset.UtcNow;
        using var transaction = connection.BeginTransaction();
        PassDrift.Write(connection, pass.ScoreRunId, churn.Version, drift);
        PassOutcomes.Write(connection, evaluated, now);
        MonitoringAlerts.Write(connection, pass.ScoreRunId, alerts, now);
        transaction.Commit();
        return new MonitoringReport(pass, drift, evaluated, alerts);
    }
}
