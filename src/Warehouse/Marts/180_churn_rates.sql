-- Grain: one row per period per grouping of accounts (dimension) per group.
-- key: period_start, period_end, dimension, group_value
-- not null: accounts_at_risk, churned
-- accepted: dimension in (all, tier, level, lifecycle_stage, region, industry)
-- Churn rate per group (流失率分布图), for every month of the history after its first, and for the
-- churn.rate_months months ending at as_of. accounts_at_risk: accounts that had ordered (where churn.definition is
-- contract or label, also masters that never ordered) and were not churned
-- at the end of the month before the period; churned: those of them that churned (marts.account_churn) in
-- the period. Each account counts in the group it was in at that month end (tier, level, lifecycle stage;
-- region and industry as the master account has them now; '(none)' when unknown). dimension 'all' is everyone.
-- The "visible" marks are where a region-limited reader's version (Reports/scoped_churn_rates.sql) narrows the
-- accounts to the ones it may see; built here, every account is visible.
with bounds as (
    select
        as_of_date,
        date_trunc('month', as_of_date)::date as as_of_month,
        (date_trunc('month', as_of_date) - to_months(value::integer))::date as rate_before_month
    from marts.as_of, meta.settings
    where key = 'churn.rate_months'
), history as (
    select h.master_account_id, h.month as before_month, h.tier, h.level::varchar as level, h.lifecycle_stage
    from marts.account_segment_history h
    where h.lifecycle_stage <> 'churned' and {{visible:h.master_account_id}}
), periods as (
    select distinct month as before_month, (month + interval 1 month)::date as period_start,
        least(last_day(month + interval 1 month), b.as_of_date) as period_end
    from marts.account_segment_history, bounds b
    where month < b.as_of_month
    union
    select rate_before_month, (rate_before_month + interval 1 month)::date, as_of_date from bounds
), unordered as (
    -- Where contracts or a label define churn, a master with no order history is at risk too, as 190 grades it
    -- (tier C, level 5, exploration): under contract from its first contract's start, under label throughout,
    -- until it churns.
    select a.account_id as master_account_id, p.before_month, 'C' as tier, '5' as level, 'exploration' as lifecycle_stage
    from core.accounts a
    join marts.account_merge_map m on m.account_id = a.account_id and m.is_master
    cross join (select distinct before_month, last_day(before_month) as before_end from periods) p
    where (select value from meta.settings where key = 'churn.definition') <> 'inactivity' and {{visible:a.account_id}}
        and a.account_id not in (select master_account_id from marts.account_segment_history)
        and ((select value from meta.settings where key = 'churn.definition') = 'label'
            or exists (select 1 from core.contracts k where k.account_id = a.account_id and k.start_date <= p.before_end))
        and not exists (
            select 1 from marts.account_churn c
            where c.master_account_id = a.account_id and c.churned_on <= p.before_end
                and (c.returned_on is null or c.returned_on > p.before_end)
        )
), starts as (
    select * from history
    union all
    select * from unordered
), churned_in_period as (
    select distinct p.period_start, p.period_end, c.master_account_id
    from periods p join marts.account_churn c on c.churned_on between p.period_start and p.period_end
), grouped as (
    select p.period_start, p.period_end, 'all' as "all", s.tier, s.level, s.lifecycle_stage,
        coalesce(a.region, '(none)') as region, coalesce(a.industry, '(none)') as industry,
        count(*) as accounts_at_risk, count(c.master_account_id) as churned
    from periods p
    join starts s using (before_month)
    left join churned_in_period c on c.period_start = p.period_start and c.period_end = p.period_end
        and c.master_account_id = s.master_account_id
    left join core.accounts a on a.account_id = s.master_account_id
    group by all
), final as (
    select period_start, period_end, dimension, group_value,
        sum(accounts_at_risk)::bigint as accounts_at_risk,
        sum(churned)::bigint as churned,
        sum(churned) / sum(accounts_at_risk) as churn_rate
    from (unpivot grouped on "all", tier, level, lifecycle_stage, region, industry into name dimension value group_value)
    group by all
)
select * from final
