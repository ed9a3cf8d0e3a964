-- OData's ChurnCostByTier: the cost of churn (挽留价值) of the latest scoring pass for the whole book, one row per
-- current 80/20 tier and region, by the dashboard's rule (_churn_cost_groups.sql). The set is limited by region (a
-- regional key reads its regions' rows). Read at query time, not from a mart: a scoring pass after the marts'
-- rebuild is seen at once.
with companies as (
    select t.master_account_id, t.tier, coalesce(a.region, '(none)') as region
    from marts.account_tiers t
    join core.accounts a on a.account_id = t.master_account_id
), {{churn_cost_groups}}
select * from churn_cost_groups
