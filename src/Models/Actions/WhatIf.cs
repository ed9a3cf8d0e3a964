using System.Collections.Concurrent;
using Analytics.Models.Churn;
using Analytics.Models.Features;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Models.Actions;

/// <summary>
/// Re-scores one account's latest scored features with some actionable features changed (<see cref="ActionDrivers"/>).
/// The churn model of that pass is loaded once per version and kept, so an answer costs one row's scoring.
/// </summary>
public sealed class WhatIf
{
    // A count cannot be negative nor a trend leave -1..1; anything else would ask the model about an impossible account.
    private static readonly Dictionary<string, (double Min, double Max, string Words)> Bounds = new(StringComparer.Ordinal)
    {
        ["contract_days_to_end"] = (0, 36_500, "a number of days from 0 to 36500"),
        ["sla_breaches_90d"] = (0, 10_000, "a count from 0 to 10000"),
        ["overdue_amount"] = (0, 1e12, "an amount of 0 or more"),
        ["order_trend"] = (-1, 1, "a trend from -1 to 1"),
        ["complaints_90d"] = (0, 10_000, "a count from 0 to 10000"),
        ["margin_365d"] = (-1, 1, "a margin from -1 to 1 (0.07 is 7%)"),
    };

    private readonly ConcurrentDictionary<string, Lazy<ChurnClassifier>> _models = new(StringComparer.Ordinal);

    /// <summary>Why <paramref name="changes"/> cannot be scored, as one sentence; null when they can.</summary>
    public static string? Refusal(IReadOnlyDictionary<string, double> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return $"Name at least one feature to change; actionable features: {string.Join(", ", ActionDrivers.Features)}.";
        }

        foreach (var (feature, value) in changes)
        {
            if (!ActionDrivers.Features.Contains(feature))
            {
                return $"'{feature}' is not an actionable feature; a what-if changes only {string.Join(", ", ActionDrivers.Features)}.";
            }

            var (min, max, words) = Bounds[feature];
            if (!double.IsFinite(value) || value < min || value > max)
            {
                return $"{feature} must be {words}, not {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.";
            }
        }

        return null;
    }

    /// <summary>
    /// The account's answer, or null when the latest pass scored no churn for its company (never ordered, churned,
    /// or no pass yet). The caller checks the account exists and is visible, and the changes with <see cref="Refusal"/>.
    /// </summary>
    public WhatIfAnswer? Score(DuckDBConnection connection, string accountId, IReadOnlyDictionary<string, double> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var scored = connection.Rows("""
            select f.account_id as master_account_id, f.score_run_id, r.churn_version, f.features, m.features as names
            from models.scored_features f
            join models.score_runs r using (score_run_id)
            join models.model_runs m on m.version = r.churn_version
            where f.score_run_id = (select max(score_run_id) from models.score_runs)
              and f.account_id = (select coalesce(max(master_account_id), $1) from marts.account_merge_map where account_id = $1)
            """,
            r => (Master: r.Get<string>("master_account_id"), Run: r.Get<long>("score_run_id"), Version: r.Get<string>("churn_version"),
                Values: r.Get<List<double>>("features").ToArray(), Names: r.Get<List<string>>("names")),
            accountId).SingleOrDefault();
        if (scored.Master is null)
        {
            return null;
        }

        var model = _models.GetOrAdd(scored.Version, _ => new Lazy<ChurnClassifier>(() => ChurnClassifier.Load(Artifact(connection, scored.Version)))).Value;
        var after = (double[])scored.Values.Clone();
        var applied = new List<WhatIfChange>();
        foreach (var (feature, value) in changes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var slot = scored.Names.IndexOf(feature);
            if (slot < 0)
            {
                throw new WarehouseException($"The churn model {scored.Version} does not read {feature}; run 'analytics train' again.");
            }

            applied.Add(new WhatIfChange(feature, scored.Values[slot], value));
            after[slot] = value;
        }

        var probabilities = model.Probabilities([MlData.Vector(scored.Values), MlData.Vector(after)]);
        return new WhatIfAnswer(accountId, scored.Master, scored.Run, scored.Version, probabilities[0], probabilities[1], applied);
    }

    private static byte[] Artifact(DuckDBConnection connection, string version) =>
        Convert.FromBase64String(connection.Scalar<string>("select to_base64(artifact) from models.model_runs where version = $1", version));
}
