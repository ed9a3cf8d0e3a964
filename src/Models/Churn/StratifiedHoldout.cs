namespace Analytics.Models.Churn;

/// <summary>
/// A holdout that keeps the churn rate of the whole: the same share of churners and of stayers, drawn with a fixed
/// seed from rows in a fixed order, so the same accounts always give the same split (and the same test result).
/// Used where churn is a label with no history to split by time.
/// </summary>
public static class StratifiedHoldout
{
    public const double Share = 0.25;

    public const int Seed = 42;

    /// <summary>Splits <paramref name="rows"/> (in a stable order, e.g. by account id) into training and holdout rows.</summary>
    public static (List<T> Training, List<T> Holdout) Split<T>(IReadOnlyList<T> rows, Func<T, bool> churned)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(churned);
        var random = new Random(Seed);
        var holdout = new HashSet<int>();
        foreach (var group in new[] { true, false })
        {
            var indexes = Enumerable.Range(0, rows.Count).Where(i => churned(rows[i]) == group).ToArray();
            random.Shuffle(indexes);
            holdout.UnionWith(indexes.Take((int)Math.Round(indexes.Length * Share, MidpointRounding.AwayFromZero)));
        }

        return (rows.Where((_, i) => !holdout.Contains(i)).ToList(), rows.Where((_, i) => holdout.Contains(i)).ToList());
    }
}
