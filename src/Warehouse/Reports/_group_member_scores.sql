-- Included as {{group_member_scores}}: each company of a group of companies (marts.group_members) with its scores
-- from the latest scoring pass (null before one): churn probability, CLV, revenue_at_risk (its revenue_12m times its
-- churn probability, to the cent: last year's revenue that leaves if it churns) and churn_cost (the cost of churn,
-- 挽留价值, as models.current_scores has it: predicted value times churn probability, the dashboard's figure), which a
-- group sums.
group_member_scores as (
    select
        m.account_id, m.group_id, m.parent_account_id, m.depth, m.name, m.region, m.tier, m.value, m.revenue_12m,
        s.churn_probability,
        s.clv,
        s.churn_cost,
        round(s.churn_probability * m.revenue_12m, 2)::decimal(18, 2) as revenue_at_risk
    from marts.group_members m
    left join models.current_scores s using (account_id)
)
