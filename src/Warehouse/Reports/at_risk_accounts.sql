-- Key accounts (tier A) at high or medium churn risk in the current scores, most likely to churn first, with the
-- reasons the model gives (churn_reasons: strongest first, as JSON) and the revenue at stake in the window.
with {{companies}}, {{window_value}}, final as (
    select
        c.master_account_id,
        c.name,
        c.region,
        s.churn_probability,
        s.churn_risk_band,
        s.churn_reasons::varchar as churn_reasons,
        coalesce(v.value, 0) as value
    from companies c
    join models.current_scores s on s.account_id = c.master_account_id
    left join window_value v using (master_account_id)
    where c.tier = 'A' and s.churn_risk_band in ('high', 'medium')
)
select * from final order by churn_probability desc, master_account_id limit 10
