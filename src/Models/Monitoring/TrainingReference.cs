using Analytics.Models.Churn;
using Analytics.Models.Features;
using Analytics.Models.Runs;
using Analytics.Warehouse;
using Analytics.Warehouse.Features;
using DuckDB.NET.Data;

namespace Analytics.Models.Monitoring;

/// <summary>
/// The data a churn version learned from and was graded on, as drift is measured against it: the distribution of
/// every feature (as <see cref="MonitoredFeatures"/> measures it) over the accounts active at its training cutoffs (the
/// rows it was trained on), and of the model's churn probability over the accounts active at its holdout cutoff, all
/// rebuilt from the warehouse as of those days. The score's reference is the holdout's because a boosted tree's
/// probabilities on its own training rows are sharper than on any other day: against them even the pass on the
/// holdout cutoff itself read PSI 0.48 on the demo. A run without a holdout cutoff falls back to its training rows.
/// </summary>
public sealed record TrainingReference(string Version, IReadOnlyList<string> Names, IReadOnlyList<StabilityReference> Features, StabilityReference Score)
{
    public static TrainingReference Build(DuckDBConnection connection, ModelRunRecord churn, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(churn);
        ArgumentNullException.ThrowIfNull(settings);
        if (churn is not { TrainFrom: { } from, TrainTo: { } to, Artifact: { } artifact })
        {
            throw new WarehouseException($"The churn run {churn.Version} records no training cutoffs or model; drift cannot be measured against it.");
        }

        var cutoffs = new List<DateOnly>();
        for (var day = from; day <= to; day = day.AddDays(settings.CutoffStepDays))
        {
            cutoffs.Add(day);
        }

        if (cutoffs[^1] != to)
        {
            cutoffs.Add(to);
        }

        var tables = new FeatureTables(connection);
        tables.Build([.. cutoffs, .. churn.HoldoutCutoff is { } h ? [h] : Array.Empty<DateOnly>()]);
        var rows = tables.Read();
        var training = rows.Where(r => r.Cutoff <= to).ToList();
        var graded = churn.HoldoutCutoff is { } holdout ? rows.Where(r => r.Cutoff == holdout && r.IsActive).ToList() : training.Where(r => r.IsActive).ToList();
        var features = MonitoredFeatures.OfActive(churn.Features, training).Select(v => PopulationStability.Reference(v)).ToList();
        var scores = ChurnClassifier.Load(artifact).Probabilities([.. graded.Select(r => MlData.Vector(r.Values))]);
        return new TrainingReference(churn.Version, churn.Features, features, PopulationStability.Reference(scores));
    }
}
