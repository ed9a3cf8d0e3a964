using System.Globalization;
using Analytics.Models.Churn;
using DuckDB.NET.Data;

namespace Analytics.Models.Runs;

/// <summary>
/// Stores a trained churn model as a models.model_runs row, deciding whether it serves by scoring the serving run on
/// the same holdout (<see cref="ServingDecision"/>); metrics carry the grade and what it was graded against, and
/// baseline_metrics the named baseline's metrics at the top (the "no purchase within N months" rule under "rule").
/// </summary>
internal sealed class ChurnRunStore(DuckDBConnection connection)
{
    public TrainedRun Store(
        ChurnClassifier classifier, ChurnEvaluation evaluation, IReadOnlyList<string> names, IReadOnlyList<float[]> holdoutVectors,
        IReadOnlyList<bool> outcomes, ModelRunRecord window, Action<System.Text.Json.Nodes.JsonNode>? extra = null)
    {
        var metrics = evaluation.Model;
        var runs = new ModelRunRows(connection);
        var serving = runs.Serving("churn");
        var servingAuc = serving?.Artifact is { } artifact && serving.Features.SequenceEqual(names)
            ? ChurnMetrics.Compute(ChurnClassifier.Load(artifact).Probabilities(holdoutVectors), outcomes).RocAuc
            : double.NaN;
        var decision = ServingDecision.Decide(serving, names, double.IsNaN(servingAuc) || metrics.RocAuc >= servingAuc,
            () => string.Create(CultureInfo.InvariantCulture, $"ROC AUC {metrics.RocAuc:0.0000} against {servingAuc:0.0000}"));

        var node = RunJson.Node(metrics);
        node["grade"] = evaluation.Grade;
        node["training_rows"] = evaluation.TrainingRows;
        node["training_churned"] = evaluation.TrainingChurned;
        node["graded_against"] = evaluation.GradedAgainst;
        node["holdout"] = evaluation.Holdout;
        extra?.Invoke(node);
        var runId = runs.NextRunId();
        var version = string.Create(CultureInfo.InvariantCulture, $"churn-{window.TrainedAt:yyyyMMdd}-{runId}");
        runs.Insert(window with
        {
            RunId = runId, Model = "churn", Version = version, Features = names, MetricsJson = node.ToJsonString(),
            BaselineMetricsJson = BaselineJson(evaluation), IsServing = decision.Serves, ServingReason = decision.Reason, Artifact = classifier.Save(),
        });
        return new TrainedRun("churn", version, window.Algorithm, decision.Serves, decision.Reason, evaluation);
    }

    private static string BaselineJson(ChurnEvaluation evaluation)
    {
        var node = RunJson.Named(evaluation.Baseline, evaluation.BaselineName);
        if (evaluation.BaselineRule is { } rule)
        {
            node["rule"] = RunJson.Named(rule.Metrics, rule.Name);
        }

        return node.ToJsonString();
    }
}
