using System.Globalization;
using Analytics.Models.Churn;
using Analytics.Models.Features;
using Analytics.Models.Value;
using Analytics.Warehouse;
using Analytics.Warehouse.Features;
using Analytics.Warehouse.Marts;
using DuckDB.NET.Data;

namespace Analytics.Models.Runs;

/// <summary>
/// Trains the churn and value models on the training cutoffs, evaluates them out of time on the holdout cutoff
/// against their baselines, and stores one run each; a run serves only if it is not worse than the serving one
/// on the same holdout (<see cref="ServingDecision"/>).
/// </summary>
public sealed class TrainingPass(WarehouseDatabase database)
{
    // Fewer examples than this cannot train trees worth serving; a clear refusal beats a model of noise.
    private const int MinimumRows = 50;
    private const int MinimumChurned = 10;

    public TrainingReport Run()
    {
        using var connection = database.Connect();
        var settings = ModelSettings.Read(connection);
        if (LabelledAccounts.IsLabelDefinition(connection) && !LabelledAccounts.HasOrders(connection))
        {
            // No history to cut in time: the label is learned from the attributes, and there is no value to forecast.
            var asOf = MartsAsOf.Read(connection);
            var (run, features) = LabelChurnTraining.Train(connection, asOf, DateTimeOffset.UtcNow, database.DataVersion());
            return new TrainingReport(asOf, [], asOf, settings.HorizonDays, features, run, null);
        }

        var schedule = CutoffSchedule.For(MartsAsOf.Read(connection), settings);
        var tables = new FeatureTables(connection);
        tables.Build(schedule.All);
        var names = tables.Names();
        var rows = tables.Read();
        var training = rows.Where(r => r.Cutoff < schedule.Holdout).ToList();
        var holdout = rows.Where(r => r.Cutoff == schedule.Holdout).ToList();
        var trainedAt = DateTimeOffset.UtcNow;
        var dataVersion = database.DataVersion();

        var churn = TrainChurn(connection, schedule, names, training, holdout, trainedAt, dataVersion, settings);
        var value = TrainValue(connection, schedule, names, training, holdout, trainedAt, dataVersion, settings);
        return new TrainingReport(schedule.AsOf, schedule.Training, schedule.Holdout, settings.HorizonDays, names, churn, value);
    }

    private static TrainedRun TrainChurn(
        DuckDBConnection connection, CutoffSchedule schedule, IReadOnlyList<string> names, List<FeatureRow> training, List<FeatureRow> holdout,
        DateTimeOffset trainedAt, long dataVersion, ModelSettings settings)
    {
        // Only accounts still active at a cutoff can churn after it; the outcome is known for every cutoff used.
        var train = training.Where(r => r.IsActive && r.Churned is not null).ToList();
        var test = holdout.Where(r => r.IsActive && r.Churned is not null).ToList();
        Require(train.Count >= MinimumRows && train.Count(r => r.Churned == true) >= MinimumChurned && test.Any(r => r.Churned == true),
            $"churn needs at least {MinimumRows} active accounts with {MinimumChurned} churners over the training cutoffs ({Days(schedule.Training)}) and a churner after the holdout cutoff {Day(schedule.Holdout)}; there are {train.Count} with {train.Count(r => r.Churned == true)}, and {test.Count(r => r.Churned == true)}");

        var classifier = ChurnClassifier.Train(train.Select(r => MlData.Vector(r.Values)).ToList(), train.Select(r => r.Churned!.Value).ToList());
        var testVectors = test.Select(r => MlData.Vector(r.Values)).ToList();
        var outcomes = test.Select(r => r.Churned!.Value).ToList();
        var metrics = ChurnMetrics.Compute(classifier.Probabilities(testVectors), outcomes);
        var recency = names.ToList().IndexOf("recency_days");
        var trainRecency = train.Select(r => r.Values[recency]).ToList();
        var trainOutcomes = train.Select(r => r.Churned!.Value).ToList();
        var testRecency = test.Select(r => r.Values[recency]).ToList();
        var baseline = ChurnMetrics.Compute(RecencyBaseline.TrainAndPredict(trainRecency, trainOutcomes, testRecency), outcomes);
        var rule = InactivityRuleBaseline.Fit(trainRecency, trainOutcomes);
        var evaluation = ChurnEvaluation.Graded(train.Count, train.Count(r => r.Churned == true), metrics,
            new NamedBaseline("recency alone (logistic regression)", baseline),
            new NamedBaseline(rule.Name, ChurnMetrics.Compute(rule.Predict(testRecency), outcomes)), "out of time");

        var window = new ModelRunRecord(0, "churn", "", ChurnClassifier.Algorithm, trainedAt, dataVersion, schedule.Training[0], schedule.Training[^1],
            schedule.Holdout, names, "", null, false, null, null);
        return new ChurnRunStore(connection).Store(classifier, evaluation, names, testVectors, outcomes, window);
    }

    private static TrainedRun TrainValue(
        DuckDBConnection connection, CutoffSchedule schedule, IReadOnlyList<string> names, List<FeatureRow> training, List<FeatureRow> holdout,
        DateTimeOffset trainedAt, long dataVersion, ModelSettings settings)
    {
        var train = training.Where(r => r.NextValue is not null).ToList();
        var test = holdout.Where(r => r.NextValue is not null).ToList();
        Require(train.Count >= MinimumRows && test.Any(r => r.Frequency > 0),
            $"the value model needs at least {MinimumRows} accounts with orders over the training cutoffs and a repeat buyer at the holdout cutoff {Day(schedule.Holdout)}; there are {train.Count}");

        var regressor = ValueRegressor.Train(train.Select(r => MlData.Vector(r.Values)).ToList(), train.Select(r => (double)r.LastValue).ToList(), train.Select(r => (double)r.NextValue!.Value).ToList());
        var lastValues = test.Select(r => (double)r.LastValue).ToList();
        var testVectors = test.Select(r => MlData.Vector(r.Values)).ToList();
        var actual = test.Select(r => (double)r.NextValue!.Value).ToList();
        var ml = ValueMetrics.Compute(regressor.Predict(testVectors, lastValues), actual);
        var forecast = BgNbdForecast.Fit(test);
        var bgNbd = ValueMetrics.Compute(test.Select(r => forecast.Predict(r, settings.HorizonDays).Value).ToList(), actual);
        var naive = ValueMetrics.Compute(test.Select(r => (double)r.LastValue).ToList(), actual);
        var method = ValueMethod.Choose(ml, bgNbd);
        var evaluation = new ValueEvaluation(train.Count, ml, bgNbd, naive, method);
        var served = method == ValueMethod.Ml ? ml : bgNbd;

        var runs = new ModelRunRows(connection);
        var serving = runs.Serving("value");
        ValueMetrics? servingMetrics = null;
        if (serving is not null && serving.Features.SequenceEqual(names))
        {
            servingMetrics = serving.MetricsJson.Contains("\"serving_method\":\"bgnbd\"", StringComparison.Ordinal)
                ? bgNbd
                : serving.Artifact is { } artifact ? ValueMetrics.Compute(ValueRegressor.Load(artifact).Predict(testVectors, lastValues), actual) : null;
        }

        var decision = ServingDecision.Decide(serving, names, servingMetrics is null || ValueMethod.IsBetter(served, servingMetrics),
            () => string.Create(CultureInfo.InvariantCulture,
                $"top-20% capture {served.Top20Capture:0.0000} and MAE {served.Mae:0} against {servingMetrics?.Top20Capture:0.0000} and {servingMetrics?.Mae:0}"));

        var runId = runs.NextRunId();
        var version = Version("value", trainedAt, runId);
        var algorithm = $"{ValueRegressor.Algorithm} | {BgNbdForecast.Algorithm}";
        runs.Insert(new ModelRunRecord(runId, "value", version, algorithm, trainedAt, dataVersion, schedule.Training[0], schedule.Training[^1],
            schedule.Holdout, names, RunJson.Serialize(new { serving_method = method, ml, bgnbd = bgNbd, training_rows = train.Count }),
            RunJson.Serialize(naive), decision.Serves, decision.Reason, regressor.Save()));
        return new TrainedRun("value", version, algorithm, decision.Serves, decision.Reason, evaluation);
    }

    private static string Version(string model, DateTimeOffset at, long runId) =>
        string.Create(CultureInfo.InvariantCulture, $"{model}-{at:yyyyMMdd}-{runId}");

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new WarehouseException($"There is too little history to train: {what}.");
        }
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Days(IEnumerable<DateOnly> days) => string.Join(", ", days.Select(Day));
}
