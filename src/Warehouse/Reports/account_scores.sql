-- The company's ($1) scores in the latest scoring pass and the one before it (a master carries its company's
-- scores, models.account_scores): churn probability, band and reasons, value forecast, CLV with its 90% interval, P(alive), and the
-- non-renewal probability of its next renewal. pass is 'latest' or 'previous'.
with runs as (
    select score_run_id, as_of, row_number() over (order by score_run_id desc) as n
    from models.score_runs
    qualify n <= 2
), final as (
    select
        case r.n when 1 then 'latest' else 'previous' end as pass,
        r.score_run_id, r.as_of,
        s.churn_probability, s.churn_risk_band, s.churn_reasons::varchar as churn_reasons,
        s.predicted_value, s.clv, s.clv_low, s.clv_high, s.p_alive, s.non_renewal_probability, s.contract_id, s.cancel_by
    from runs r
    join models.account_scores s using (score_run_id)
    where s.account_id = $1 and {{visible:s.account_id}}
)
select * from final order by score_run_id desc
