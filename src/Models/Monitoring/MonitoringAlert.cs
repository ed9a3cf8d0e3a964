using System.Globalization;

namespace Analytics.Models.Monitoring;

/// <summary>
/// One threshold a pass crossed (models.monitoring_alerts): kind psi, missing or out_of_range of a quantity (a feature
/// or churn_probability), or auc_drop of a model, with the figure and the monitoring.* threshold it crossed.
/// </summary>
public sealed record MonitoringAlert(long ScoreRunId, string Kind, string Subject, double Value, double Threshold)
{
    public string Describe() => Kind switch
    {
        "psi" => string.Create(CultureInfo.InvariantCulture, $"{Subject} drifted: population stability index {Value:0.000} against the training data (alert at {Threshold:0.###})"),
        "missing" => string.Create(CultureInfo.InvariantCulture, $"{Subject}: {Value:P1} of the values missing, {Threshold:P1} more than in the training data allows"),
        "out_of_range" => string.Create(CultureInfo.InvariantCulture, $"{Subject}: {Value:P1} of the values outside the training range (alert above {Threshold:P1})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Subject} model: realised ROC AUC {Value:0.000} of score run {ScoreRunId}, below its trained {Threshold:0.000} by more than the margin"),
    };
}
