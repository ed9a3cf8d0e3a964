using Analytics.Models.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Analytics.Models.Value;

/// <summary>
/// The ML.NET value model: FastTree regression on the account features of how next period's net sales differ
/// from last period's (the naive forecast), added back to last period's. Learning the change rather than the
/// level keeps the trees from spending their splits on the heavy tail of big accounts, whose level the last
/// period already tells. A forecast below zero is read as zero (an account cannot buy less than nothing).
/// </summary>
public sealed class ValueRegressor
{
    public const string Algorithm = "FastTreeRegression";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _schema;

    private ValueRegressor(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        _ml = ml;
        _model = model;
        _schema = schema;
    }

    public static ValueRegressor Train(IReadOnlyList<float[]> features, IReadOnlyList<double> lastValue, IReadOnlyList<double> nextValue)
    {
        ArgumentNullException.ThrowIfNull(lastValue);
        ArgumentNullException.ThrowIfNull(nextValue);
        var ml = new MLContext(seed: 1);
        var data = MlData.Load(ml, features, values: nextValue.Select((v, i) => (float)(v - lastValue[i])).ToList());
        var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            NumberOfTrees = 100,
            NumberOfLeaves = 8,
            MinimumExampleCountPerLeaf = 50,
            LearningRate = 0.05,
            FeatureColumnName = nameof(MlRow.Features),
            LabelColumnName = nameof(MlRow.Value),
        });
        return new ValueRegressor(ml, trainer.Fit(data), data.Schema);
    }

    public IReadOnlyList<double> Predict(IReadOnlyList<float[]> features, IReadOnlyList<double> lastValue) =>
        _model.Transform(MlData.Load(_ml, features)).GetColumn<float>("Score").Select((s, i) => Math.Max(0, lastValue[i] + s)).ToList();

    public byte[] Save()
    {
        using var stream = new MemoryStream();
        _ml.Model.Save(_model, _schema, stream);
        return stream.ToArray();
    }

    public static ValueRegressor Load(byte[] artifact)
    {
        var ml = new MLContext(seed: 1);
        using var stream = new MemoryStream(artifact);
        var model = ml.Model.Load(stream, out var schema);
        return new ValueRegressor(ml, model, schema);
    }
}
