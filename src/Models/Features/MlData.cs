using Microsoft.ML;
using Microsoft.ML.Data;

namespace Analytics.Models.Features;

/// <summary>Feature vectors and labels as an ML.NET data view, its vector size fixed at run time (the SQL decides the features).</summary>
internal static class MlData
{
    public static IDataView Load(MLContext ml, IReadOnlyList<float[]> features, IReadOnlyList<bool>? labels = null, IReadOnlyList<float>? values = null)
    {
        var size = features.Count > 0 ? features[0].Length : 1;
        var schema = SchemaDefinition.Create(typeof(MlRow));
        schema[nameof(MlRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        var rows = features.Select((f, i) => new MlRow
        {
            Features = f,
            Label = labels is not null && labels[i],
            Value = values?[i] ?? 0,
        });
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    public static float[] Vector(double[] values) => values.Select(v => (float)v).ToArray();
}

/// <summary>One training or scoring row as ML.NET reads it.</summary>
internal sealed class MlRow
{
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public float Value { get; set; }
}
