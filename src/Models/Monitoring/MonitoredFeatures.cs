using Analytics.Warehouse.Features;

namespace Analytics.Models.Monitoring;

/// <summary>
/// The feature values drift is measured on, as the models' inputs differ from them in two ways. A value the warehouse
/// holds as 0 for a missing one (<see cref="FeatureRow.MissingFeatures"/>) counts as missing (NaN). And
/// <see cref="Tenure"/> grows with the calendar by construction, so it is measured relative to the row's day.
/// </summary>
public static class MonitoredFeatures
{
    /// <summary>
    /// Days since the account's first order: every account's grows by one a day, so every pass after training lies
    /// above the training range (on the 600-account demo 59-74% of the accounts, PSI 1.8-2.4, an alert on every pass
    /// and a retraining every night). Drift is measured on it as a share of the book's history on the same day (the
    /// longest tenure of any account then): a steady book keeps its shares, a wave of new accounts still lowers them.
    /// </summary>
    public const string Tenure = "tenure_days";

    /// <summary>
    /// The values of every feature (outer list, in <paramref name="names"/> order) over the active rows of
    /// <paramref name="rows"/>; the book's history on each day is read from all of its rows, active or not.
    /// </summary>
    public static IReadOnlyList<double[]> OfActive(IReadOnlyList<string> names, IReadOnlyList<FeatureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(rows);
        var tenure = names.ToList().IndexOf(Tenure);
        var history = tenure < 0
            ? []
            : rows.GroupBy(r => r.Cutoff).ToDictionary(g => g.Key, g => Math.Max(1, g.Max(r => r.Values[tenure])));
        var active = rows.Where(r => r.IsActive).ToList();
        return [.. names.Select((name, i) => active.Select(r =>
            r.MissingFeatures.Contains(name) ? double.NaN
            : i == tenure ? r.Values[i] / history[r.Cutoff]
            : r.Values[i]).ToArray())];
    }
}
