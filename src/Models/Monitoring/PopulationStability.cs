namespace Analytics.Models.Monitoring;

/// <summary>
/// One quantity's distribution in the training data, as the stability check compares with it: the bin edges at
/// the training deciles (repeated deciles merged; when that leaves fewer than ten bins, the values above the last
/// edge are cut again at their own deciles), the training share
/// in each bin, the training range and the training share of missing (non-finite) values.
/// </summary>
public sealed record StabilityReference(IReadOnlyList<double> Edges, IReadOnlyList<double> Shares, double Min, double Max, double MissingShare);

/// <summary>How one quantity of a scoring pass compares with its training distribution.</summary>
public sealed record StabilityCheck(int Values, double Psi, double MissingShare, double OutOfRangeShare);

/// <summary>
/// The population stability index: PSI = sum over bins of (a - e) * ln(a / e), a the pass's share and e the
/// training share of a bin, over ten bins cut at the training deciles (bin k holds values above edge k-1 up to and
/// including edge k). An empty bin's share counts as <see cref="ShareFloor"/>, so the index stays finite. Missing
/// values (NaN, infinities) are counted apart and left out of the bins.
/// </summary>
public static class PopulationStability
{
    public const double ShareFloor = 0.0001;

    public static StabilityReference Reference(IReadOnlyList<double> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var finite = training.Where(double.IsFinite).Order().ToArray();
        if (finite.Length == 0)
        {
            return new StabilityReference([], [1.0], double.NaN, double.NaN, training.Count == 0 ? 0 : 1);
        }

        // A count that is mostly 0 (SLA breaches, complaints) has all its deciles at 0 but the last few: its values above
        // the last decile are cut again at their own deciles, so a shift among the accounts that have any still shows.
        var edges = Deciles(finite);
        if (edges.Count < 9 && finite.Where(v => v > edges[^1]).ToArray() is { Length: > 0 } tail)
        {
            edges = [.. edges, .. Deciles(tail).Where(e => e > edges[^1])];
        }

        return new StabilityReference(edges, Shares(edges, finite), finite[0], finite[^1], (training.Count - finite.Length) / (double)training.Count);
    }

    /// <summary>The distinct deciles by nearest rank: the k-th is the smallest value with k tenths of the values at or below it.</summary>
    private static List<double> Deciles(double[] sorted) =>
        [.. Enumerable.Range(1, 9).Select(k => sorted[(int)Math.Ceiling(k * sorted.Length / 10.0) - 1]).Distinct()];

    public static StabilityCheck Compare(StabilityReference reference, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new StabilityCheck(0, 0, 0, 0);
        }

        var finite = values.Where(double.IsFinite).ToArray();
        var missing = (values.Count - finite.Length) / (double)values.Count;
        if (finite.Length == 0)
        {
            return new StabilityCheck(values.Count, 0, missing, 0);
        }

        var outside = finite.Count(v => v < reference.Min || v > reference.Max) / (double)values.Count;
        var actual = Shares(reference.Edges, finite);
        var psi = actual.Select((a, k) =>
        {
            var (pass, trained) = (Math.Max(a, ShareFloor), Math.Max(reference.Shares[k], ShareFloor));
            return (pass - trained) * Math.Log(pass / trained);
        }).Sum();
        return new StabilityCheck(values.Count, psi, missing, outside);
    }

    /// <summary>The share of the values in each of the edges.Count + 1 bins.</summary>
    private static double[] Shares(IReadOnlyList<double> edges, double[] values)
    {
        var counts = new double[edges.Count + 1];
        foreach (var v in values)
        {
            var bin = 0;
            while (bin < edges.Count && v > edges[bin])
            {
                bin++;
            }

            counts[bin]++;
        }

        return [.. counts.Select(c => c / values.Length)];
    }
}
