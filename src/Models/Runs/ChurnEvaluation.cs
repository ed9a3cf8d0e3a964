using Analytics.Models.Churn;

namespace Analytics.Models.Runs;

/// <summary>
/// The churn model and its baselines on the holdout, with the grade against the stronger baseline there (by ROC AUC):
/// <see cref="Baseline"/> is a logistic regression on one feature (recency; with a label and attributes, the single
/// most telling attribute), <see cref="BaselineRule"/> the best "no purchase within N months" rule where orders exist.
/// </summary>
public sealed record ChurnEvaluation(int TrainingRows, int TrainingChurned, ChurnMetrics Model, ChurnMetrics Baseline, string Grade)
{
    public string BaselineName { get; init; } = "recency alone (logistic regression)";

    public NamedBaseline? BaselineRule { get; init; }

    public string GradedAgainst { get; init; } = "recency alone (logistic regression)";

    /// <summary>How the holdout was drawn: out of time (the latest cutoff whose outcome is known) or stratified.</summary>
    public string Holdout { get; init; } = "out of time";

    /// <summary>Where the model learned a label from attributes: which it used and which it left out, and why.</summary>
    public AttributeUse? Attributes { get; init; }

    /// <summary>Grades the model against whichever baseline ranks better on the holdout; an equal rule loses to the named one.</summary>
    public static ChurnEvaluation Graded(int trainingRows, int trainingChurned, ChurnMetrics model, NamedBaseline baseline, NamedBaseline? rule, string holdout)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var stronger = rule is not null && rule.Metrics.RocAuc > baseline.Metrics.RocAuc ? rule : baseline;
        return new ChurnEvaluation(trainingRows, trainingChurned, model, baseline.Metrics, ChurnGrade.Of(model, stronger.Metrics))
        {
            BaselineName = baseline.Name,
            BaselineRule = rule,
            GradedAgainst = stronger.Name,
            Holdout = holdout,
        };
    }
}

/// <summary>A baseline by name with its holdout metrics.</summary>
public sealed record NamedBaseline(string Name, ChurnMetrics Metrics);

/// <summary>The attributes a label model used as numbers and as categories, and those it left out with the reason.</summary>
public sealed record AttributeUse(IReadOnlyList<string> Numeric, IReadOnlyList<string> Categorical, IReadOnlyDictionary<string, string> LeftOut);
