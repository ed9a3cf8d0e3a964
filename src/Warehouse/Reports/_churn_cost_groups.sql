-- Included as {{churn_cost_groups}} after a companies CTE (master_account_id, tier, region): the cost of churn
-- (挽留价值), one row per 80/20 tier and region: what keeping the companies at risk would be worth, the sum of their
-- churn_cost (churn probability x predicted value, models.current_scores), beside their predicted value and how many
-- are at high risk or critical accounts (关键客户, marts.critical_accounts). A company without a current score
-- counts among companies and adds nothing to the sums, so a total over rows is exactly the sum of the companies'.
churn_cost_groups as (
    select
        c.tier,
        c.region,
        count(*) as companies,
        count(*) filter (where s.churn_risk_band = 'high') as high_risk_companies,
        count(*) filter (where k.is_critical_account) as critical_accounts,
        coalesce(sum(s.predicted_value), 0) as predicted_value,
        coalesce(sum(s.churn_cost), 0) as churn_cost,
        coalesce(sum(s.churn_cost) filter (where k.is_critical_account), 0) as critical_churn_cost
    from companies c
    left join models.current_scores s on s.account_id = c.master_account_id
    left join marts.critical_accounts k using (master_account_id)
    group by all
)
