using System.Text.Json;
using Analytics.Models.Churn;
using Analytics.Models.Features;
using Analytics.Models.Scores;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Models.Runs;

/// <summary>
/// Scoring where churn is a label learned from attributes (<see cref="LabelChurnTraining"/>): every master account
/// the export does not already call churned gets a churn probability, its risk band and its reasons in words
/// ("Contract is Month-to-month"), with the features the serving run's stored recipe builds. No value forecast:
/// there are no orders.
/// </summary>
internal static class LabelScoring
{
    public static IReadOnlyList<MasterScore> Score(DuckDBConnection connection, ModelRunRecord churnRun, ModelSettings settings)
    {
        var recipe = Recipe(churnRun);
        if (!recipe.Names.SequenceEqual(churnRun.Features))
        {
            throw new WarehouseException($"The serving model {churnRun.Version} was trained on other features than these; run 'analytics train' again.");
        }

        var accounts = LabelledAccounts.Read(connection);
        var open = accounts.Where(a => a.Churned != true).ToList();
        var values = open.Select(a => recipe.Vector(a.Attributes)).ToList();
        var explained = ChurnClassifier.Load(churnRun.Artifact!).Explain(values.Select(MlData.Vector).ToList());
        var scored = open.Select((a, k) =>
        {
            var (probability, contributions) = explained[k];
            var reasons = ChurnReason.Top(recipe.Names, values[k], contributions, settings.Reasons, recipe.Describe);
            return new MasterScore(a.AccountId, probability, RiskBand.Of(probability, settings.RiskHigh, settings.RiskMedium),
                ChurnReason.ToJson(reasons), null, null, null, null, null, null);
        });
        var churned = accounts.Where(a => a.Churned == true).Select(a => new MasterScore(a.AccountId, null, null, null, null, null, null, null, null, null));
        return [.. scored, .. churned];
    }

    private static AttributeFeatures Recipe(ModelRunRecord run)
    {
        using var metrics = JsonDocument.Parse(run.MetricsJson);
        return metrics.RootElement.TryGetProperty("attribute_recipe", out var recipe)
            ? recipe.Deserialize<AttributeFeatures>(RunJson.Options)
                ?? throw new WarehouseException($"The serving model {run.Version} has an empty attribute recipe; run 'analytics train' again.")
            : throw new WarehouseException($"The serving model {run.Version} learned from order history, but churn is now a label with no orders; run 'analytics train' again.");
    }
}
