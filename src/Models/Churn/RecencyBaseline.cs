using Analytics.Models.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

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
        var ml = new MLContext(seed: 1);
        // In hundreds of days, so the optimiser works on numbers near 1.
        static float[] Row(double recency) => [(float)(recency / 100)];
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            FeatureColumnName = nameof(MlRow.Features),
            LabelColumnName = nameof(MlRow.Label),
        });
        var model = trainer.Fit(MlData.Load(ml, trainingRecency.Select(Row).ToList(), churned));
        var scored = model.Transform(MlData.Load(ml, holdoutRecency.Select(Row).ToList()));
        return scored.GetColumn<float>("Probability").Select(p => (double)p).ToList();
    }
}
