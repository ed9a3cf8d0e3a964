-- Grain: one row per 80/20 tier per region: an aggregated set for BI tools.
-- key: tier, region
-- not null: companies, churned_companies, value
-- accepted: tier in (A, B, C)
-- Companies (master accounts) by current tier and region ('(none)' when unknown): how many, how many have churned
-- (lifecycle stage churned at as_of), and their value: revenue in the 80/20 window ending at as_of.
with final as (
    select
        t.tier,
        coalesce(a.region, '(none)') as region,
        count(*) as companies,
        count(*) filter (where s.lifecycle_stage = 'churned') as churned_companies,
        sum(t.value) as value
    from marts.account_tiers t
    join core.accounts a on a.account_id = t.master_account_id
    left join marts.account_segments s on s.account_id = t.master_account_id
    group by all
)
select * from final
