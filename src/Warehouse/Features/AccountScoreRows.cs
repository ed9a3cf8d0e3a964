using DuckDB.NET.Data;

namespace Analytics.Warehouse.Features;

/// <summary>
/// Writes a scoring pass: one models.score_runs row and one models.account_scores row per account, in one
/// transaction. Duplicates get their master's scores (as account_segments gives them its tier). Columns this
/// pass does not compute (clv, contract_id, cancel_by, non_renewal_probability) stay null for a later step
/// to fill on the same score_run_id.
/// </summary>
public sealed class AccountScoreRows(DuckDBConnection connection)
{
    public ScoreRun Write(DateOnly asOf, long dataVersion, string? churnVersion, string? valueVersion, IEnumerable<MasterScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        connection.Execute("""
            create or replace temp table master_scores (
                master_account_id varchar primary key, churn_probability double, churn_risk_band varchar, churn_reasons varchar,
                value_ml decimal(18,2), value_bgnbd decimal(18,2), predicted_value decimal(18,2),
                expected_purchases double, p_alive double, expected_spend decimal(18,2))
            """);

        // Scores are born in C# (model predictions), the one place the appender is the right tool.
        using (var appender = connection.CreateAppender("master_scores"))
        {
            foreach (var s in scores)
            {
                appender.CreateRow()
                    .AppendValue(s.MasterAccountId).AppendValue(s.ChurnProbability).AppendValue(s.ChurnRiskBand).AppendValue(s.ChurnReasonsJson)
                    .AppendValue(s.ValueMl).AppendValue(s.ValueBgnbd).AppendValue(s.PredictedValue)
                    .AppendValue(s.ExpectedPurchases).AppendValue(s.PAlive).AppendValue(s.ExpectedSpend)
                    .EndRow();
            }
        }

        using var transaction = connection.BeginTransaction();
        var id = connection.Scalar<long>("select coalesce(max(score_run_id), 0) + 1 from models.score_runs");
        var scoredAt = DateTimeOffset.UtcNow;
        connection.Execute("""
            insert into models.account_scores (score_run_id, account_id, as_of, churn_probability, churn_risk_band,
                churn_probability_change, churn_reasons, value_ml, value_bgnbd, predicted_value, predicted_tier,
                expected_purchases, p_alive, expected_spend)
            with scores as (
                select * from master_scores
            ), cuts as (
                select
                    (select value::double from meta.settings where key = 'pareto.cut_a') as cut_a,
                    (select value::double from meta.settings where key = 'pareto.cut_b') as cut_b
            ), ranked as (
                -- The 80/20 cut of the marts (account_tiers), applied to the predicted value.
                select master_account_id,
                    coalesce(sum(predicted_value) over (order by predicted_value desc, master_account_id
                        rows between unbounded preceding and 1 preceding), 0) / sum(predicted_value) over () as share_before
                from scores where predicted_value > 0
            ), tiers as (
                select master_account_id,
                    case when share_before < (select cut_a from cuts) then 'A' when share_before < (select cut_b from cuts) then 'B' else 'C' end as tier
                from ranked
            ), previous as (
                select account_id, churn_probability from models.account_scores
                where score_run_id = (select max(score_run_id) from models.score_runs)
            )
            select $1, a.account_id, $2, s.churn_probability, s.churn_risk_band,
                s.churn_probability - p.churn_probability, s.churn_reasons::json, s.value_ml, s.value_bgnbd, s.predicted_value,
                coalesce(t.tier, 'C'), s.expected_purchases, s.p_alive, s.expected_spend
            from core.accounts a
            left join marts.account_merge_map m using (account_id)
            left join scores s on s.master_account_id = coalesce(m.master_account_id, a.account_id)
            left join tiers t on t.master_account_id = s.master_account_id
            left join previous p on p.account_id = a.account_id
            """, id, asOf.ToDateTime(TimeOnly.MinValue));
        var accounts = connection.Scalar<long>("select count(*) from models.account_scores where score_run_id = $1", id);
        connection.Execute("""
            insert into models.score_runs (score_run_id, scored_at, as_of, data_version, churn_version, value_version, accounts)
            values ($1, $2, $3, $4, $5, $6, $7)
            """, id, scoredAt.UtcDateTime, asOf.ToDateTime(TimeOnly.MinValue), dataVersion, churnVersion, valueVersion, accounts);
        transaction.Commit();
        return new ScoreRun(id, scoredAt, asOf, dataVersion, churnVersion, valueVersion, accounts);
    }

    /// <summary>The day the marts are computed for (marts.as_of): the day a scoring pass scores as of.</summary>
    public DateOnly AsOf() =>
        connection.Scalar<long>("select count(*) from information_schema.tables where table_schema = 'marts' and table_name = 'as_of'") == 0
            ? throw new WarehouseException("The marts are not built yet; run 'analytics refresh' first.")
            : connection.Rows("select as_of_date from marts.as_of", r => DateOnly.FromDateTime(r.GetDateTime(0))).Single();
}
