using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Models.Scores;

/// <summary>
/// Writes a scoring pass: one models.score_runs row and one complete models.account_scores row per account (churn,
/// value, clv and next renewal), in one transaction; nothing is filled in later. Duplicates get their master's
/// scores (as account_segments gives them its tier); the renewal columns are the account's own contracts'.
/// </summary>
public sealed class ScoreStore(DuckDBConnection connection)
{
    public ScoreRun Write(ScoredPass pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        StageMasters(pass.Masters);
        StageClv(pass.Lifetime.Clv);
        StageRenewals(pass.Lifetime.Renewals);
        var actions = new Actions.NextActionStore(connection);
        actions.Stage(pass.NextActions, pass.Features);

        using var transaction = connection.BeginTransaction();
        var id = connection.Scalar<long>("select coalesce(max(score_run_id), 0) + 1 from models.score_runs");
        var scoredAt = DateTimeOffset.UtcNow;
        var asOf = pass.AsOf.ToDateTime(TimeOnly.MinValue);
        // One row per account of core.accounts: the insert's row count is the pass's account count.
        long accounts = connection.Execute("""
            insert into models.account_scores (score_run_id, account_id, as_of, churn_probability, churn_risk_band,
                churn_probability_change, churn_reasons, value_ml, value_bgnbd, predicted_value, predicted_tier,
                expected_purchases, p_alive, expected_spend, clv, contract_id, cancel_by, non_renewal_probability,
                clv_low, clv_high, clv_expected_purchases, clv_expected_purchases_low, clv_expected_purchases_high,
                clv_purchases_low, clv_purchases_high)
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
                coalesce(t.tier, 'C'), s.expected_purchases, s.p_alive, s.expected_spend,
                c.clv, r.contract_id, r.cancel_by, r.non_renewal_probability,
                c.clv_low, c.clv_high, c.expected_purchases, c.expected_purchases_low, c.expected_purchases_high,
                c.purchases_low, c.purchases_high
            from core.accounts a
            left join marts.account_merge_map m using (account_id)
            left join scores s on s.master_account_id = coalesce(m.master_account_id, a.account_id)
            left join tiers t on t.master_account_id = s.master_account_id
            left join previous p on p.account_id = a.account_id
            -- clv is a company's: a duplicate carries its master's, as it carries its other scores.
            left join clv_scores c on c.account_id = m.master_account_id
            left join renewal_scores r on r.account_id = a.account_id
            """, id, asOf);
        connection.Execute("""
            insert into models.score_runs (score_run_id, scored_at, as_of, data_version, churn_version, value_version,
                clv_version, renewal_version, accounts)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, id, scoredAt.UtcDateTime, asOf, pass.DataVersion, pass.ChurnVersion, pass.ValueVersion,
            pass.Lifetime.ClvVersion, pass.Lifetime.RenewalVersion, accounts);
        actions.Insert(id);
        transaction.Commit();
        connection.Execute("drop table master_scores; drop table clv_scores; drop table renewal_scores");
        actions.DropStaged();
        return new ScoreRun(id, scoredAt, pass.AsOf, pass.DataVersion, pass.ChurnVersion, pass.ValueVersion, accounts)
        {
            ClvVersion = pass.Lifetime.ClvVersion,
            RenewalVersion = pass.Lifetime.RenewalVersion,
            Fits = pass.Lifetime.Fits,
        };
    }

    // Scores are born in C# (model predictions), the one place the appender is the right tool.
    private void StageMasters(IEnumerable<MasterScore> scores)
    {
        connection.Execute("""
            create or replace temp table master_scores (
                master_account_id varchar primary key, churn_probability double, churn_risk_band varchar, churn_reasons varchar,
                value_ml decimal(18,2), value_bgnbd decimal(18,2), predicted_value decimal(18,2),
                expected_purchases double, p_alive double, expected_spend decimal(18,2))
            """);
        using var appender = connection.CreateAppender("master_scores");
        foreach (var s in scores)
        {
            appender.CreateRow()
                .AppendValue(s.MasterAccountId).AppendValue(s.ChurnProbability).AppendValue(s.ChurnRiskBand).AppendValue(s.ChurnReasonsJson)
                .AppendValue(s.ValueMl).AppendValue(s.ValueBgnbd).AppendValue(s.PredictedValue)
                .AppendValue(s.ExpectedPurchases).AppendValue(s.PAlive).AppendValue(s.ExpectedSpend)
                .EndRow();
        }
    }

    private void StageClv(IEnumerable<AccountClvScore> scores)
    {
        connection.Execute("""
            create or replace temp table clv_scores (
                account_id varchar primary key, clv decimal(18,2), clv_low decimal(18,2), clv_high decimal(18,2),
                expected_purchases double, expected_purchases_low double, expected_purchases_high double,
                purchases_low integer, purchases_high integer)
            """);
        using var appender = connection.CreateAppender("clv_scores");
        foreach (var s in scores)
        {
            var i = s.Interval;
            appender.CreateRow().AppendValue(s.AccountId).AppendValue(s.Clv).AppendValue(i?.ClvLow).AppendValue(i?.ClvHigh)
                .AppendValue(s.ExpectedPurchases).AppendValue(i?.ExpectedPurchasesLow).AppendValue(i?.ExpectedPurchasesHigh)
                .AppendValue(i?.PurchasesLow).AppendValue(i?.PurchasesHigh).EndRow();
        }
    }

    private void StageRenewals(IEnumerable<AccountRenewalScore> scores)
    {
        connection.Execute("""
            create or replace temp table renewal_scores (
                account_id varchar primary key, contract_id varchar, cancel_by date, non_renewal_probability double)
            """);
        using var appender = connection.CreateAppender("renewal_scores");
        foreach (var s in scores)
        {
            appender.CreateRow().AppendValue(s.AccountId).AppendValue(s.ContractId)
                .AppendValue((DateOnly?)s.CancelBy).AppendValue(s.NonRenewalProbability).EndRow();
        }
    }
}
