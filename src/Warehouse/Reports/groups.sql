-- OData's Groups: each group of companies (集团客户) as the reader may see it, every figure summed over the members
-- the reader may see and no other, so a region-limited key never learns a foreign member's revenue, value or CLV
-- through a group total: a group with no visible member is not listed. Unrestricted, the sums are the whole group's
-- and equal marts.groups'. The tier is the group's own 80/20 label (marts.groups), as a company's tier is its own.
-- churn_risk: the group's revenue-weighted churn probability, sum(p x revenue_12m) / sum(revenue_12m) over the
-- scored members, the share of the group's last 12 months' revenue expected to leave with churning members
-- (the plain mean of the probabilities when those members had no revenue); null before a scoring pass.
with {{group_member_scores}}, visible as (
    select * from group_member_scores m where {{visible:m.account_id}}
), final as (
    select
        g.group_id,
        g.name,
        g.region,
        g.tier,
        count(*) as member_count,
        sum(m.value) as value,
        sum(m.revenue_12m) as revenue_12m,
        sum(m.clv) as clv,
        sum(m.revenue_at_risk) as revenue_at_risk,
        sum(m.churn_cost) as churn_cost,
        coalesce(
            sum(m.churn_probability * m.revenue_12m) / nullif(sum(m.revenue_12m) filter (where m.churn_probability is not null), 0),
            avg(m.churn_probability)) as churn_risk
    from visible m
    join marts.groups g using (group_id)
    group by all
)
select * from final
