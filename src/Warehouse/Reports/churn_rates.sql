-- Churn rate per group (流失率分布图) over the window, by the rule of marts.churn_rates: the companies that had
-- ordered and were not churned at the end of the month before the window, and how many of them churned in it
-- (marts.account_churn). Tier, level and lifecycle stage as at that month end; region and industry as now.
-- Recomputed here rather than read from the mart so that the filters and the access scope narrow the companies.
with {{companies}}, period as (
    select (w.window_start - interval 1 month)::date as before_month, w.window_start as period_start, w.window_end as period_end
    from report_window w
), starts as (
    select h.master_account_id, 'all' as "all", h.tier, h.level::varchar as level, h.lifecycle_stage, c.region, c.industry
    from marts.account_segment_history h
    join period p on h.month = p.before_month
    join companies c using (master_account_id)
    where h.lifecycle_stage <> 'churned'
), churned as (
    select distinct c.master_account_id
    from marts.account_churn c, period p
    where c.churned_on between p.period_start and p.period_end
), flagged as (
    select s.*, ch.master_account_id is not null as did_churn
    from starts s left join churned ch using (master_account_id)
), final as (
    select
        (select period_start from period) as period_start,
        (select period_end from period) as period_end,
        dimension,
        group_value,
        count(*) as accounts_at_risk,
        count(*) filter (where did_churn) as churned,
        count(*) filter (where did_churn) / count(*) as churn_rate
    from (unpivot flagged on "all", tier, level, lifecycle_stage, region, industry into name dimension value group_value)
    group by all
)
select * from final order by dimension, group_value
