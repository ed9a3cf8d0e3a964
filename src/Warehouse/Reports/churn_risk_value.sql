-- Who to save first: each selected company with a current score, its churn probability (models.current_scores,
-- the master account's score) against its value in the window (revenue, net sales) and its predicted value.
with {{companies}}, {{window_value}}, final as (
    select
        c.master_account_id,
        c.name,
        c.tier,
        coalesce(v.value, 0) as value,
        s.churn_probability,
        s.churn_risk_band,
        s.predicted_value,
        s.clv
    from companies c
    join models.current_scores s on s.account_id = c.master_account_id
    left join window_value v using (master_account_id)
    where s.churn_probability is not null
)
select * from final order by churn_probability desc, master_account_id
