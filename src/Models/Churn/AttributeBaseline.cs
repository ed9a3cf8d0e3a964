using Analytics.Models.Features;

namespace Analytics.Models.Churn;

/// <summary>
/// The simple baseline where churn is a label and accounts have only attributes: a logistic regression on the one
/// attribute that ranks the training accounts best (its numeric value, or its categories' 0/1 columns), as an
/// analyst would first try "churn by contract type". Columns are standardised on the training rows.
/// </summary>
public static class AttributeBaseline
{
    public static (string Attribute, IReadOnlyList<double> Holdout) TrainAndPredict(
        AttributeFeatures recipe, IReadOnlyList<double[]> training, IReadOnlyList<bool> churned, IReadOnlyList<double[]> holdout)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(holdout);
        var columns = recipe.Names.Select((name, i) => (Source: recipe.SourceOf(name), Index: i))
            .GroupBy(c => c.Source, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        (string Attribute, double TrainingAuc, IReadOnlyList<double> Holdout)? best = null;
        foreach (var attribute in columns)
        {
            var indexes = attribute.Select(c => c.Index).ToList();
            var scale = indexes.Select(i =>
            {
                var mean = training.Average(r => r[i]);
                var sd = Math.Sqrt(training.Average(r => (r[i] - mean) * (r[i] - mean)));
                return (Index: i, Mean: mean, Sd: sd > 0 ? sd : 1);
            }).ToList();
            List<float[]> Rows(IReadOnlyList<double[]> rows) => rows.Select(r => scale.Select(s => (float)((r[s.Index] - s.Mean) / s.Sd)).ToArray()).ToList();
            var (fitted, predicted) = LogisticBaseline.TrainAndPredict(Rows(training), churned, Rows(holdout));
            var auc = ChurnMetrics.Compute(fitted, churned).RocAuc;
            if (best is null || auc > best.Value.TrainingAuc)
            {
                best = (attribute.Key, auc, predicted);
            }
        }

        return best is { } b ? (b.Attribute, b.Holdout) : throw new ArgumentException("There is no attribute to fit a baseline on.", nameof(recipe));
    }
}
