-- Grain: one row per master account.
-- key: master_account_id
-- not null: name, value, tier
-- accepted: tier in (A, B, C)
-- references: master_account_id -> core.accounts.account_id
-- The current 80/20 tier: the segment history's as_of month (the Pareto window ends at as_of). A master
-- account that never ordered is C with value 0. cumulative_share is of the ranked accounts' value;
-- window_start is the first day the window counts.
with masters as (
    select m.account_id as master_account_id, a.name
    from marts.account_merge_map m join core.accounts a using (account_id)
    where m.is_master
), current as (
    select * from marts.account_segment_history
    where month = (select date_trunc('month', as_of_date)::date from marts.as_of)
), total as (
    select sum(value) as total_value from current where rank is not null
), window_start as (
    select (date_trunc('month', as_of_date) - to_months(value::integer - 1))::date as window_start
    from marts.as_of, meta.settings
    where key = 'pareto.window_months'
), final as (
    select
        m.master_account_id,
        m.name,
        coalesce(c.value, 0) as value,
        c.rank,
        c.cumulative_value,
        c.cumulative_value / (select total_value from total) as cumulative_share,
        coalesce(c.tier, 'C') as tier,
        (select window_start from window_start) as window_start,
        (select as_of_date from marts.as_of) as window_end
    from masters m
    left join current c using (master_account_id)
)
select * from final
