using System.Text.Json;
using Analytics.Models.Churn;
using Analytics.Models.Features;
using Analytics.Models.Runs;
using Analytics.Models.Value;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Models.Monitoring;

/// <summary>
/// The outcome of every scoring pass whose horizon has passed (as_of + models.horizon_days on or before marts.as_of)
/// and that has not been evaluated yet: the pass's stored scores of each company (its master account's row) against
/// what happened after the pass's day, by the same outcome model training learns from (account_outcomes). Churn:
/// realised ROC AUC, PR AUC, Brier score and calibration error over the companies active on the day; value: RMSE,
/// MAE and top-20% capture over every company the pass forecast. Per region (the master's) and current tier.
/// </summary>
public static class PassOutcomes
{
    public const string All = "all";

    public static IReadOnlyList<PassOutcome> EvaluateDue(DuckDBConnection connection, ModelSettings settings) =>
        EvaluateDue(connection, settings, new FeatureDays(connection));

    public static IReadOnlyList<PassOutcome> EvaluateDue(DuckDBConnection connection, ModelSettings settings, FeatureDays days)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(days);
        var due = connection.Rows("""
            select r.score_run_id, r.as_of, r.churn_version, r.value_version
            from models.score_runs r
            where r.as_of + $1::integer <= (select as_of_date from marts.as_of)
                and not exists (select 1 from models.pass_outcomes o where o.score_run_id = r.score_run_id)
            order by r.score_run_id
            """,
            r => (Id: r.Get<long>("score_run_id"), AsOf: r.Get<DateOnly>("as_of"), Churn: r.GetOrNull<string>("churn_version"), Value: r.GetOrNull<string>("value_version")),
            settings.HorizonDays);
        if (due.Count == 0)
        {
            return [];
        }

        var runs = new ModelRunRows(connection);
        var versions = runs.All("churn").Concat(runs.All("value")).ToDictionary(r => r.Version, StringComparer.Ordinal);
        var outcomes = new List<PassOutcome>();
        foreach (var pass in due)
        {
            var known = days.AsOf(pass.AsOf).ToDictionary(r => r.MasterAccountId, StringComparer.Ordinal);
            var scored = Scored(connection, pass.Id).Where(s => known.ContainsKey(s.Account)).Select(s => (Score: s, Outcome: known[s.Account])).ToList();
            var through = pass.AsOf.AddDays(settings.HorizonDays);
            foreach (var (region, tier) in Groups(scored.Select(s => (s.Score.Region, s.Score.Tier))))
            {
                var members = scored.Where(s => region is All || s.Score.Region == region).Where(s => tier is All || s.Score.Tier == tier).ToList();
                if (pass.Churn is { } churnVersion && versions.GetValueOrDefault(churnVersion) is { } churnRun)
                {
                    var churn = members.Where(m => m.Score.Churn is not null && m.Outcome.IsActive && m.Outcome.Churned is not null).ToList();
                    if (churn.Count > 0)
                    {
                        var metrics = ChurnMetrics.Compute([.. churn.Select(m => m.Score.Churn!.Value)], [.. churn.Select(m => m.Outcome.Churned!.Value)]);
                        outcomes.Add(new PassOutcome(pass.Id, "churn", region, tier, churnVersion, pass.AsOf, through, pass.AsOf >= churnRun.HoldoutCutoff, churn.Count)
                        {
                            Churned = metrics.Churned,
                            RocAuc = Finite(metrics.RocAuc),
                            PrAuc = Finite(metrics.PrAuc),
                            Brier = metrics.Brier,
                            CalibrationError = metrics.CalibrationError,
                            TrainedRocAuc = region is All ? RocAuc(churnRun) : null, // the whole book's holdout figure
                        });
                    }
                }

                if (pass.Value is { } valueVersion && versions.GetValueOrDefault(valueVersion) is { } valueRun)
                {
                    var value = members.Where(m => m.Score.Value is not null && m.Outcome.NextValue is not null).ToList();
                    if (value.Count > 0)
                    {
                        var metrics = ValueMetrics.Compute([.. value.Select(m => (double)m.Score.Value!.Value)], [.. value.Select(m => (double)m.Outcome.NextValue!.Value)]);
                        outcomes.Add(new PassOutcome(pass.Id, "value", region, tier, valueVersion, pass.AsOf, through, pass.AsOf >= valueRun.HoldoutCutoff, value.Count)
                        {
                            PredictedValue = value.Sum(m => m.Score.Value!.Value),
                            RealisedValue = value.Sum(m => m.Outcome.NextValue!.Value),
                            Rmse = metrics.Rmse,
                            Mae = metrics.Mae,
                            Top20Capture = Finite(metrics.Top20Capture),
                        });
                    }
                }
            }
        }

        return outcomes;
    }

    public static void Write(DuckDBConnection connection, IEnumerable<PassOutcome> outcomes, DateTimeOffset evaluatedAt)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        foreach (var o in outcomes)
        {
            connection.Execute("""
                insert into models.pass_outcomes (score_run_id, model, region, tier, version, as_of, outcome_through, evaluated_at,
                    out_of_time, accounts, churned, roc_auc, pr_auc, brier, calibration_error, trained_roc_auc,
                    predicted_value, realised_value, rmse, mae, top20_capture)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
                """, o.ScoreRunId, o.Model, o.Region, o.Tier, o.Version, o.AsOf.ToDateTime(TimeOnly.MinValue), o.OutcomeThrough.ToDateTime(TimeOnly.MinValue),
                evaluatedAt.UtcDateTime, o.OutOfTime, o.Accounts, o.Churned, o.RocAuc, o.PrAuc, o.Brier, o.CalibrationError, o.TrainedRocAuc,
                o.PredictedValue, o.RealisedValue, o.Rmse, o.Mae, o.Top20Capture);
        }
    }

    /// <summary>Every company, every region, every tier, and each region's tiers: the groups a manager reads.</summary>
    private static IEnumerable<(string Region, string Tier)> Groups(IEnumerable<(string Region, string Tier)> members)
    {
        var list = members.ToList();
        var regions = list.Select(m => m.Region).Distinct().Order(StringComparer.Ordinal).Prepend(All);
        var tiers = list.Select(m => m.Tier).Distinct().Order(StringComparer.Ordinal).Prepend(All).ToList();
        return regions.SelectMany(r => tiers.Select(t => (r, t)));
    }

    private sealed record ScoredCompany(string Account, string Region, string Tier, double? Churn, decimal? Value);

    // A company's master account carries the company's scores; its region and current tier group it.
    private static List<ScoredCompany> Scored(DuckDBConnection connection, long scoreRunId) =>
        connection.Rows("""
            select s.account_id, coalesce(a.region, '(none)') as region, coalesce(g.tier, '(none)') as tier,
                s.churn_probability, s.predicted_value
            from models.account_scores s
            join core.accounts a on a.account_id = s.account_id
            left join marts.account_segments g on g.account_id = s.account_id
            where s.score_run_id = $1
            """,
            r => new ScoredCompany(r.Get<string>("account_id"), r.Get<string>("region"), r.Get<string>("tier"),
                r.Get<double?>("churn_probability"), r.Get<decimal?>("predicted_value")),
            scoreRunId);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static double? RocAuc(ModelRunRecord run)
    {
        using var metrics = JsonDocument.Parse(run.MetricsJson);
        return metrics.RootElement.TryGetProperty("roc_auc", out var auc) && auc.ValueKind == JsonValueKind.Number ? auc.GetDouble() : null;
    }
}
