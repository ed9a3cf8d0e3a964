-- Grain: one row per period per grouping of accounts (dimension) per group.
-- key: period_start, period_end, dimension, group_value
-- Churn rate per group (流失率分布图), for every month of the history after its first, and for the
-- churn.rate_months months ending at as_of. accounts_at_risk: accounts that had ordered and were not churned
-- at the end of the month before the period; churned: those of them that churned (marts.account_churn) in
-- the period. Each account counts in the group it was in at that month end (tier, level, lifecycle stage;
-- region and industry as the master account has them now; '(none)' when unknown). dimension 'all' is everyone.
with bounds as (
    select
        as_of_date,
        date_trunc('month', as_of_date)::date as as_of_month,
        (date_trunc('month', as_of_date) - to_months(value::integer))::date as rate_before_month
    from marts.as_of, meta.settings
    where key = 'churn.rate_months'
), starts as (
    select
        l.master_account_id,
        l.month as before_month,
        'all' as "all",
        t.tier,
        v.level::varchar as level,
        l.lifecycle_stage,
        coalesce(a.region, '(none)') as region,
        coalesce(a.industry, '(none)') as industry
    from marts.account_lifecycle_history l
    join marts.account_tier_history t using (master_account_id, month)
    join marts.account_level_history v using (master_account_id, month)
    left join core.accounts a on a.account_id = l.master_account_id
    where l.lifecycle_stage <> 'churned'
), periods as (
    select distinct month as before_month, (month + interval 1 month)::date as period_start,
        least(last_day(month + interval 1 month), b.as_of_date) as period_end
    from marts.account_lifecycle_history, bounds b
    where month < b.as_of_month
    union
    select rate_before_month, (rate_before_month + interval 1 month)::date, as_of_date from bounds
), churned_in_period as (
    select distinct p.period_start, p.period_end, c.master_account_id
    from periods p join marts.account_churn c on c.churned_on between p.period_start and p.period_end
), at_risk as (
    select p.period_start, p.period_end, s.*, c.master_account_id is not null as churned
    from periods p
    join starts s using (before_month)
    left join churned_in_period c on c.period_start = p.period_start and c.period_end = p.period_end
        and c.master_account_id = s.master_account_id
), counted as (
    select period_start, period_end, "all", tier, level, lifecycle_stage, region, industry,
        count(*) as accounts_at_risk, count(*) filter (where churned) as churned
    from at_risk
    group by all
), final as (
    select period_start, period_end, dimension, group_value,
        sum(accounts_at_risk) as accounts_at_risk,
        sum(churned) as churned,
        sum(churned) / sum(accounts_at_risk) as churn_rate
    from (unpivot counted on "all", tier, level, lifecycle_stage, region, industry into name dimension value group_value)
    group by all
)
select * from final
