using Analytics.Models.Features;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Analytics.Models.Churn;

/// <summary>
/// The churn model: ML.NET FastTree gradient-boosted trees on the account features, Platt-calibrated to a
/// probability. It explains each prediction by the features' contributions to the raw score (positive: raises risk).
/// </summary>
public sealed class ChurnClassifier
{
    public const string Algorithm = "FastTree";

    private readonly MLContext _ml;
    private readonly BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> _model;
    private readonly DataViewSchema _schema;

    private ChurnClassifier(MLContext ml, BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> model, DataViewSchema schema)
    {
        _ml = ml;
        _model = model;
        _schema = schema;
    }

    public static ChurnClassifier Train(IReadOnlyList<float[]> features, IReadOnlyList<bool> churned)
    {
        // A fixed seed: the same warehouse trains the same model.
        var ml = new MLContext(seed: 1);
        var data = MlData.Load(ml, features, churned);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = 200,
            NumberOfLeaves = 16,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.05,
            FeatureColumnName = nameof(MlRow.Features),
            LabelColumnName = nameof(MlRow.Label),
        });
        return new ChurnClassifier(ml, trainer.Fit(data), data.Schema);
    }

    public IReadOnlyList<double> Probabilities(IReadOnlyList<float[]> features) =>
        _ml.Data.CreateEnumerable<Prediction>(_model.Transform(MlData.Load(_ml, features)), reuseRowObject: false)
            .Select(p => (double)p.Probability).ToList();

    /// <summary>Each account's probability with every feature's contribution to its raw score, in feature order.</summary>
    public IReadOnlyList<(double Probability, float[] Contributions)> Explain(IReadOnlyList<float[]> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var count = features.Count > 0 ? features[0].Length : 1;
        var calculator = _ml.Transforms.CalculateFeatureContribution(_model, numberOfPositiveContributions: count, numberOfNegativeContributions: count, normalize: false);
        var data = MlData.Load(_ml, features);
        var scored = calculator.Fit(data).Transform(_model.Transform(data));
        return _ml.Data.CreateEnumerable<Explanation>(scored, reuseRowObject: false)
            .Select(e => ((double)e.Probability, e.FeatureContributions))
            .ToList();
    }

    public byte[] Save()
    {
        using var stream = new MemoryStream();
        _ml.Model.Save(_model, _schema, stream);
        return stream.ToArray();
    }

    public static ChurnClassifier Load(byte[] artifact)
    {
        var ml = new MLContext(seed: 1);
        using var stream = new MemoryStream(artifact);
        var model = ml.Model.Load(stream, out var schema);
        return model is BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> typed
            ? new ChurnClassifier(ml, typed, schema)
            : throw new InvalidDataException("The stored churn model is not a calibrated FastTree model.");
    }

    private sealed class Prediction
    {
        public float Probability { get; set; }
    }

    private sealed class Explanation
    {
        public float Probability { get; set; }

        public float[] FeatureContributions { get; set; } = [];
    }
}
