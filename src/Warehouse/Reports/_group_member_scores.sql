-- Included as {{group_member_scores}}: each company of a group of companies (marts.group_members) with its scores
-- from the latest scoring pass (null before one): churn probability, CLV, and revenue_at_risk, its revenue_12m
-- times its churn probability (DECIMAL, to the cent), which a group sums.
group_member_scores as (
    select
        m.account_id, m.group_id, m.parent_account_id, m.depth, m.name, m.region, m.tier, m.value, m.revenue_12m,
        s.churn_probability,
        s.clv,
        round(s.churn_probability * m.revenue_12m, 2)::decimal(18, 2) as revenue_at_risk
    from marts.group_members m
    left join models.current_scores s using (account_id)
)
