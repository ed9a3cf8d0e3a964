using System.Globalization;
using System.Text;
using Analytics.Models.Churn;
using Analytics.Models.Runs;
using Analytics.Warehouse;

namespace Analytics.ReportApi.Cli;

/// <summary><c>analytics train [--json]</c>: trains the churn and value models and prints their holdout evaluation.</summary>
internal static class TrainVerb
{
    public static Verb Definition { get; } = new(
        "train",
        "train [--json]",
        """
        Trains the churn model (ML.NET FastTree) and the value model (ML.NET FastTree regression, beside
        BG/NBD x Gamma-Gamma) on past cutoffs, evaluates both out of time on the latest cutoff whose outcome
        is known, against their baselines (recency alone and the best "no purchase within N months" rule; same as
        last period), and stores the runs. Where churn is the export's label (churn.definition label) and there are
        no orders, the churn model learns the label from the accounts' attributes on a stratified holdout. A new run
        serves only if it is not worse than the serving one on the same holdout. --json prints the report as JSON.
        """,
        new HashSet<string>(),
        new HashSet<string> { "json" },
        RunAsync);

    private static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positional.Count > 0)
        {
            throw new UsageException("train takes no arguments.");
        }

        using var database = WarehouseDatabase.Open(args.Database);
        var report = new TrainingPass(database).Run();
        await stdout.WriteLineAsync(args.Flag("json") ? Json(report) : Table(report));
        return 0;
    }

    /// <summary>
    /// The report as JSON, with the churn model's holdout metrics also at the top of "churn" (roc_auc, ...) beside its
    /// baselines ("baseline", "baseline_rule"), the grade and what it was graded against, as scripts read them.
    /// </summary>
    public static string Json(TrainingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var node = RunJson.Node(report);
        var churn = (ChurnEvaluation)report.Churn.Evaluation;
        var top = node["churn"]!.AsObject();
        foreach (var metric in RunJson.Node(churn.Model).AsObject().ToList())
        {
            top[metric.Key] = metric.Value?.DeepClone();
        }

        top["baseline"] = RunJson.Named(churn.Baseline, churn.BaselineName);
        if (churn.BaselineRule is { } rule)
        {
            top["baseline_rule"] = RunJson.Named(rule.Metrics, rule.Name);
        }

        top["grade"] = churn.Grade;
        top["graded_against"] = churn.GradedAgainst;
        top["holdout"] = churn.Holdout;
        return node.ToJsonString();
    }

    /// <summary>The churn model beside its baselines, and the grade against the stronger of them.</summary>
    private static string ChurnTable(ChurnEvaluation churn, string holdout)
    {
        ArgumentNullException.ThrowIfNull(churn);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var (m, b, r) = (churn.Model, churn.Baseline, churn.BaselineRule?.Metrics);
        text.AppendLine(c, $"churn on the {churn.Holdout} holdout: {holdout} (trained on {churn.TrainingRows:N0} rows, {churn.TrainingChurned:N0} churned)");
        text.AppendLine();
        var ruleHeader = churn.BaselineRule is { } rule ? $" baseline ({rule.Name}) |" : "";
        text.AppendLine(c, $"| churn | model | baseline ({churn.BaselineName}) |{ruleHeader}");
        text.AppendLine(r is null ? "| --- | ---: | ---: |" : "| --- | ---: | ---: | ---: |");
        string Row(string name, Func<ChurnMetrics, double> metric, string format) =>
            $"| {name} | {metric(m).ToString(format, c)} | {metric(b).ToString(format, c)} |{(r is null ? "" : $" {metric(r).ToString(format, c)} |")}";
        text.AppendLine(Row("ROC AUC", x => x.RocAuc, "0.000"));
        text.AppendLine(Row("PR AUC", x => x.PrAuc, "0.000"));
        text.AppendLine(Row("lift in the top decile", x => x.TopDecileLift, "0.00"));
        text.AppendLine(Row("Brier score", x => x.Brier, "0.0000"));
        text.AppendLine(Row("calibration error (10 bins)", x => x.CalibrationError, "0.0000"));
        text.AppendLine(c, $"| grade against {churn.GradedAgainst} | {churn.Grade} | |{(r is null ? "" : " |")}");
        text.AppendLine();
        return text.ToString();
    }

    /// <summary>The evaluation as the README shows it: two markdown tables and the serving decisions.</summary>
    public static string Table(TrainingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var churn = (ChurnEvaluation)report.Churn.Evaluation;
        if (report.Value is null)
        {
            text.AppendLine(c, $"as of {report.AsOf:yyyy-MM-dd}; churn is the export's label, learned from {report.Features.Count} attribute features; no orders, so no value model");
            if (churn.Attributes is { } used)
            {
                text.AppendLine(c, $"attributes used as numbers: {string.Join(", ", used.Numeric)}; as categories: {string.Join(", ", used.Categorical)}");
                text.AppendLine(c, $"left out: {(used.LeftOut.Count == 0 ? "none" : string.Join("; ", used.LeftOut.Select(l => $"{l.Key} ({l.Value})")))}");
            }

            text.AppendLine();
            text.Append(ChurnTable(churn, $"{churn.Model.Accounts:N0} labelled accounts, {churn.Model.Churned:N0} churned"));
            text.AppendLine(c, $"{report.Churn.Version}: {(report.Churn.IsServing ? "serves" : "does not serve")} ({report.Churn.ServingReason})");
            return text.ToString().TrimEnd();
        }

        text.AppendLine(c, $"as of {report.AsOf:yyyy-MM-dd}; trained on cutoffs {string.Join(", ", report.TrainingCutoffs.Select(d => d.ToString("yyyy-MM-dd", c)))}; holdout cutoff {report.HoldoutCutoff:yyyy-MM-dd}; horizon {report.HorizonDays} days; {report.Features.Count} features");
        text.AppendLine();
        text.Append(ChurnTable(churn, $"{churn.Model.Accounts:N0} active accounts, {churn.Model.Churned:N0} churned within {report.HorizonDays} days"));
        var value = (ValueEvaluation)report.Value.Evaluation;
        text.AppendLine(c, $"value on the holdout: net sales in the {report.HorizonDays} days after the cutoff, {value.Ml.Accounts:N0} accounts");
        text.AppendLine();
        text.AppendLine("| value | RMSE | MAE | top-20% capture |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, v) in new[] { ("ML.NET FastTree regression", value.Ml), ("BG/NBD x Gamma-Gamma", value.BgNbd), ("naive: same as last period", value.Naive) })
        {
            text.AppendLine(c, $"| {name} | {v.Rmse:N0} | {v.Mae:N0} | {v.Top20Capture:0.000} |");
        }

        text.AppendLine();
        text.AppendLine(c, $"value method serving: {value.ServingMethod}");
        foreach (var run in new[] { report.Churn, report.Value })
        {
            text.AppendLine(c, $"{run.Version}: {(run.IsServing ? "serves" : "does not serve")} ({run.ServingReason})");
        }

        return text.ToString().TrimEnd();
    }
}
