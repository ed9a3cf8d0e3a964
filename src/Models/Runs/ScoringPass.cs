using Analytics.Models.Actions;
using Analytics.Models.Churn;
using Analytics.Models.Features;
using Analytics.Models.Scores;
using Analytics.Models.Value;
using Analytics.Warehouse;
using Analytics.Warehouse.Features;
using Analytics.Warehouse.Marts;

namespace Analytics.Models.Runs;

/// <summary>
/// Scores every account as of marts.as_of with the serving churn and value runs: one models.score_runs row and
/// one models.account_scores row per account. Churn is scored for accounts active on that day (an account that
/// never ordered or has already churned has no churn probability); value for every account that ever ordered.
/// </summary>
public sealed class ScoringPass(WarehouseDatabase database)
{
    public ScoreRun Run() => Score(null);

    /// <summary>
    /// A backfilled pass as of a past day (Monitoring's backfill), so its outcome can be checked: churn and value
    /// only, since the CLV and renewal refits record serving runs and read today's contracts.
    /// </summary>
    public ScoreRun RunAsOf(DateOnly pastDay) => Score(pastDay);

    private ScoreRun Score(DateOnly? pastDay)
    {
        using var connection = database.Connect();
        var settings = ModelSettings.Read(connection);
        var asOf = pastDay ?? MartsAsOf.Read(connection);
        var runs = new ModelRunRows(connection);
        var churnRun = Serving(runs, "churn");
        if (LabelledAccounts.IsLabelDefinition(connection) && !LabelledAccounts.HasOrders(connection))
        {
            var labelled = LabelScoring.Score(connection, churnRun, settings);
            var version = database.DataVersion();
            return new ScoreStore(connection).Write(new ScoredPass(asOf, version, churnRun.Version, null, labelled, LifetimeValueStep.Run(connection, version, asOf)));
        }

        var valueRun = Serving(runs, "value");

        var tables = new FeatureTables(connection);
        tables.Build([asOf]);
        var names = tables.Names();
        foreach (var run in new[] { churnRun, valueRun })
        {
            if (!run.Features.SequenceEqual(names))
            {
                throw new WarehouseException($"The serving model {run.Version} was trained on other features than these; run 'analytics train' again.");
            }
        }

        var rows = tables.Read();
        var vectors = rows.Select(r => MlData.Vector(r.Values)).ToList();
        var active = rows.Select((r, i) => (Row: r, Index: i)).Where(x => x.Row.IsActive).ToList();
        var classifier = ChurnClassifier.Load(churnRun.Artifact!);
        var index = rows.Select((r, i) => (r.MasterAccountId, i)).ToDictionary(x => x.MasterAccountId, x => x.i, StringComparer.Ordinal);
        var explained = classifier.Explain(active.Select(x => vectors[x.Index]).ToList());
        var churnByIndex = active.Select((x, k) => (x.Index, explained[k])).ToDictionary(p => p.Index, p => p.Item2);
        var mlValues = ValueRegressor.Load(valueRun.Artifact!).Predict(vectors, rows.Select(r => (double)r.LastValue).ToList());
        var forecast = rows.Any(r => r.Frequency > 0) ? BgNbdForecast.Fit(rows) : null;
        var useMl = !valueRun.MetricsJson.Contains("\"serving_method\":\"bgnbd\"", StringComparison.Ordinal);

        var masters = rows.Select((r, i) =>
        {
            var bg = forecast?.Predict(r, settings.HorizonDays);
            var ml = Money(mlValues[i]);
            var bgValue = bg is null ? (decimal?)null : Money(bg.Value);
            double? probability = null;
            string? band = null, reasons = null;
            if (churnByIndex.TryGetValue(i, out var churn))
            {
                probability = churn.Probability;
                band = RiskBand.Of(churn.Probability, settings.RiskHigh, settings.RiskMedium);
                reasons = ChurnReason.ToJson(ChurnReason.Top(names, r.Values, churn.Contributions, settings.Reasons));
            }

            return new MasterScore(r.MasterAccountId, probability, band, reasons, ml, bgValue, useMl ? ml : bgValue,
                bg?.ExpectedPurchases, bg?.PAlive, bg is null ? null : Money(bg.ExpectedSpend));
        });
        var scored = masters.ToList();
        var dataVersion = database.DataVersion();
        var lifetime = pastDay is null ? LifetimeValueStep.Run(connection, dataVersion, asOf) : new LifetimeScores(null, [], null, []);
        var features = active.Select(x => new ScoredFeatures(x.Row.MasterAccountId, x.Row.Values)).ToList();
        // A backfilled pass gets no actions: the marts' contracts and complaints are today's, not that day's.
        var actions = pastDay is null
            ? new NextActionPlanner(classifier, names).Plan(
                [.. scored.Where(s => s.ChurnProbability is not null)
                    .Select(s => new NextActionPlanner.Scored(s.MasterAccountId, rows[index[s.MasterAccountId]].Values, s.ChurnProbability!.Value, s.ChurnRiskBand!))],
                ActionContexts.Read(connection))
            : [];
        return new ScoreStore(connection).Write(new ScoredPass(asOf, dataVersion, churnRun.Version, valueRun.Version, scored, lifetime)
        {
            NextActions = actions,
            Features = pastDay is null ? features : [],
        });
    }

    private static ModelRunRecord Serving(ModelRunRows runs, string model) =>
        runs.Serving(model) is { Artifact: not null } run
            ? run
            : throw new WarehouseException($"No {model} model serves yet; run 'analytics train' first.");

    private static decimal Money(double value) => Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero);
}
