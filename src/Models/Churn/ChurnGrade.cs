namespace Analytics.Models.Churn;

/// <summary>
/// The model against its baseline (recency alone) on the same holdout, by ROC AUC gain and Brier score:
/// A: AUC at least 0.05 higher and Brier no worse; B: AUC at least 0.02 higher; C: AUC higher;
/// F: AUC not higher: the baseline ranks as well, so the model adds nothing a manager could not see by recency.
/// </summary>
public static class ChurnGrade
{
    public static string Of(ChurnMetrics model, ChurnMetrics baseline)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(baseline);
        var gain = model.RocAuc - baseline.RocAuc;
        return gain >= 0.05 && model.Brier <= baseline.Brier ? "A"
            : gain >= 0.02 ? "B"
            : gain > 0 ? "C"
            : "F";
    }
}
