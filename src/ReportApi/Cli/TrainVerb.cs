using System.Globalization;
using System.Text;
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
        is known, against their baselines (recency alone; same as last period), and stores the runs. A new run
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
        await stdout.WriteLineAsync(args.Flag("json") ? RunJson.Serialize(report) : Table(report));
        return 0;
    }

    /// <summary>The evaluation as the README shows it: two markdown tables and the serving decisions.</summary>
    public static string Table(TrainingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"as of {report.AsOf:yyyy-MM-dd}; trained on cutoffs {string.Join(", ", report.TrainingCutoffs.Select(d => d.ToString("yyyy-MM-dd", c)))}; holdout cutoff {report.HoldoutCutoff:yyyy-MM-dd}; horizon {report.HorizonDays} days; {report.Features.Count} features");
        text.AppendLine();
        var churn = (ChurnEvaluation)report.Churn.Evaluation;
        var (m, b) = (churn.Model, churn.Baseline);
        text.AppendLine(c, $"churn on the holdout: {m.Accounts:N0} active accounts, {m.Churned:N0} churned within {report.HorizonDays} days (trained on {churn.TrainingRows:N0} rows, {churn.TrainingChurned:N0} churned)");
        text.AppendLine();
        text.AppendLine("| churn | model (FastTree) | baseline (recency alone) |");
        text.AppendLine("| --- | ---: | ---: |");
        text.AppendLine(c, $"| ROC AUC | {m.RocAuc:0.000} | {b.RocAuc:0.000} |");
        text.AppendLine(c, $"| PR AUC | {m.PrAuc:0.000} | {b.PrAuc:0.000} |");
        text.AppendLine(c, $"| lift in the top decile | {m.TopDecileLift:0.00} | {b.TopDecileLift:0.00} |");
        text.AppendLine(c, $"| Brier score | {m.Brier:0.0000} | {b.Brier:0.0000} |");
        text.AppendLine(c, $"| calibration error (10 bins) | {m.CalibrationError:0.0000} | {b.CalibrationError:0.0000} |");
        text.AppendLine(c, $"| grade against the baseline | {churn.Grade} | |");
        text.AppendLine();
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
