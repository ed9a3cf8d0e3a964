namespace Analytics.Models.Churn;

/// <summary>
/// The simple baseline the churn model must beat: logistic regression on recency alone (days since the last
/// order), fitted on the same training rows. It ranks exactly as recency does and gives calibrated probabilities.
/// </summary>
public static class RecencyBaseline
{
    public static IReadOnlyList<double> TrainAndPredict(IReadOnlyList<double> trainingRecency, IReadOnlyList<bool> churned, IReadOnlyList<double> holdoutRecency)
    {
        ArgumentNullException.ThrowIfNull(trainingRecency);
        ArgumentNullException.ThrowIfNull(holdoutRecency);
        // In hundreds of days, so the optimiser works on numbers near 1.
        static float[] Row(double recency) => [(float)(recency / 100)];
        return LogisticBaseline.TrainAndPredict(trainingRecency.Select(Row).ToList(), churned, holdoutRecency.Select(Row).ToList()).Holdout;
    }
}
