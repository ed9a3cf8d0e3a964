using Analytics.Models.Churn;
using Analytics.Models.Features;
using Analytics.Models.Runs;
using Analytics.Warehouse;
using Analytics.Warehouse.Features;
using DuckDB.NET.Data;

namespace Analytics.Models.Monitoring;

/// <summary>
/// The training data a churn version learned from, as drift is measured against it: the distribution of every
/// feature and of the model's own churn probability over the accounts active at its training cutoffs (the rows it
/// was trained on), rebuilt from the warehouse as of those cutoffs.
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
        tables.Build(cutoffs);
        var active = tables.Read().Where(r => r.IsActive).ToList();
        var features = churn.Features.Select((_, i) => PopulationStability.Reference([.. active.Select(r => r.Values[i])])).ToList();
        var scores = ChurnClassifier.Load(artifact).Probabilities([.. active.Select(r => MlData.Vector(r.Values))]);
        return new TrainingReference(churn.Version, churn.Features, features, PopulationStability.Reference(scores));
    }
}
