using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Tests.Dashboard;

/// <summary>
/// A score run written the way the models will write theirs (models.score_runs, models.account_scores): every master
/// account gets a churn probability drawn from a hash of its id and the seed, a band from it, a lifetime value of
/// twice its Pareto value, and two reasons. Not a model: just rows of the shared schema for the charts to read.
/// </summary>
internal static class Scores
{
    public static void Write(DuckDBConnection connection, long scoreRunId, int seed)
    {
        connection.Execute("""
            insert into models.score_runs (score_run_id, scored_at, as_of, data_version, churn_version, accounts)
            select $1, now(), as_of_date, (select version from meta.data_version), 'churn-test-' || $1,
                (select count(*) from marts.account_tiers)
            from marts.as_of
            """, scoreRunId);
        connection.Execute("""
            insert into models.account_scores (score_run_id, account_id, as_of, churn_probability, churn_risk_band, churn_reasons, clv)
            select $1, t.master_account_id, a.as_of_date, p.probability,
                case when p.probability >= 0.6 then 'high' when p.probability >= 0.3 then 'medium' else 'low' end,
                '[{"feature":"sla_breaches","value":3,"effect":0.31,"en":"3 SLA breaches in 90 days","zh":"90 天内 3 次 SLA 违约"},'
                    || '{"feature":"order_trend","value":-0.4,"effect":0.12,"en":"Orders down 40%","zh":"订单下降 40%"}]',
                round(t.value * 2, 2)
            from marts.account_tiers t
            cross join marts.as_of a
            cross join lateral (select (hash(t.master_account_id || $2::varchar) % 1000) / 1000.0 as probability) p
            """, scoreRunId, seed);
    }
}
