-- OData's ChurnRates for a region-limited reader: marts.churn_rates' rule over the visible companies only (the
-- periods are the calendar's; the accounts at risk and churned are the visible ones).
with bounds as (
    select
        as_of_date,
        date_trunc('month', as_of_date)::date as as_of_month,
        (date_trunc('month', as_of_date) - to_months(value::integer))::date as rate_before_month
    from marts.as_of, meta.settings
    where key = 'churn.rate_months'
), starts as (
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
