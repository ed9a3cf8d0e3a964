using Analytics.Models.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Analytics.Models.Churn;

/// <summary>A plain logistic regression (ML.NET L-BFGS, fixed seed): the simple baselines' model.</summary>
public static class LogisticBaseline
{
    /// <summary>Fits on the training rows and returns the probabilities of the training rows and of the holdout rows.</summary>
    public static (IReadOnlyList<double> Training, IReadOnlyList<double> Holdout) TrainAndPredict(
        IReadOnlyList<float[]> training, IReadOnlyList<bool> churned, IReadOnlyList<float[]> holdout)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(holdout);
        var ml = new MLContext(seed: 1);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            FeatureColumnName = nameof(MlRow.Features),
            LabelColumnName = nameof(MlRow.Label),
        });
        var model = trainer.Fit(MlData.Load(ml, training, churned));
        IReadOnlyList<double> Predict(IReadOnlyList<float[]> rows) =>
            model.Transform(MlData.Load(ml, rows)).GetColumn<float>("Probability").Select(p => (double)p).ToList();
        return (Predict(training), Predict(holdout));
    }
}
