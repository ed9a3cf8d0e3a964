using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Models.Monitoring;

/// <summary>One monitored quantity of a pass against the training data (<see cref="PopulationStability"/>).</summary>
public sealed record DriftRow(string Quantity, StabilityCheck Check, double TrainingMissingShare);

/// <summary>
/// How far a scoring pass's population moved from the churn model's training data: every feature of the accounts
/// active on the pass's day, and the churn probability the pass gave them (models.pass_drift).
/// </summary>
public static class PassDrift
{
    public const string Score = "churn_probability";

    public static IReadOnlyList<DriftRow> Measure(DuckDBConnection connection, TrainingReference reference, long scoreRunId, DateOnly asOf, FeatureDays days)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(days);
        var day = days.AsOf(asOf);
        if (!days.Names.SequenceEqual(reference.Names))
        {
            throw new WarehouseException($"The churn model {reference.Version} was trained on other features than these; run 'analytics train' again.");
        }

        var values = MonitoredFeatures.OfActive(reference.Names, day);
        var rows = reference.Names.Select((name, i) => new DriftRow(
            name, PopulationStability.Compare(reference.Features[i], values[i]), reference.Features[i].MissingShare)).ToList();

        // Duplicates carry their master's score: the master's own row is the company's.
        var masters = day.Where(r => r.IsActive).Select(r => r.MasterAccountId).ToHashSet(StringComparer.Ordinal);
        var scores = connection.Rows(
            "select account_id, churn_probability from models.account_scores where score_run_id = $1 and churn_probability is not null",
            r => (Account: r.Get<string>("account_id"), Probability: r.Get<double>("churn_probability")), scoreRunId);
        rows.Add(new DriftRow(Score, PopulationStability.Compare(reference.Score, [.. scores.Where(s => masters.Contains(s.Account)).Select(s => s.Probability)]),
            reference.Score.MissingShare));
        return rows;
    }

    public static void Write(DuckDBConnection connection, long scoreRunId, string version, IEnumerable<DriftRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            connection.Execute("""
                insert into models.pass_drift (score_run_id, version, quantity, accounts, psi, missing_share, out_of_range_share)
                values ($1, $2, $3, $4, $5, $6, $7)
                """, scoreRunId, version, row.Quantity, (long)row.Check.Values, row.Check.Psi, row.Check.MissingShare, row.Check.OutOfRangeShare);
        }
    }
}
