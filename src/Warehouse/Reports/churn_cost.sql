-- The dashboard's cost of churn (挽留价值) for the selection (window, tier, region, scope), one row per 80/20 tier
-- and region; the rows' rule is _churn_cost_groups.sql, which OData's ChurnCostByTier (churn_cost_by_tier.sql) shares.
with {{companies}}, {{churn_cost_groups}}
select * from churn_cost_groups order by tier, churn_cost desc, region
