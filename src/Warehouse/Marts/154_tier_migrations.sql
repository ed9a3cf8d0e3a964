-- Grain: one row per pair of month ends compared and per tier moved from and to.
-- key: from_month, to_month, from_tier, to_tier
-- Tier migration matrix: every month of the history against the month before it, and the as_of month against
-- migration.months_apart months earlier. from_tier 'new' is an account with no order yet at the earlier month.
with history as (
    select master_account_id, month, tier from marts.account_tier_history
), bounds as (
    select
        date_trunc('month', as_of_date)::date as as_of_month,
        (date_trunc('month', as_of_date) - to_months((max(value) filter (where key = 'history.months'))::integer))::date as history_start,
        (date_trunc('month', as_of_date) - to_months((max(value) filter (where key = 'migration.months_apart'))::integer))::date as far_month
    from marts.as_of, meta.settings
    group by as_of_date
), consecutive as (
    select
        master_account_id,
        (month - interval 1 month)::date as from_month,
        month as to_month,
        coalesce(lag(tier) over (partition by master_account_id order by month), 'new') as from_tier,
        tier as to_tier
    from history
), far as (
    select t.master_account_id, b.far_month as from_month, t.month as to_month, coalesce(f.tier, 'new') as from_tier, t.tier as to_tier
    from bounds b
    join history t on t.month = b.as_of_month
    left join history f on f.month = b.far_month and f.master_account_id = t.master_account_id
), pairs as (
    select * from consecutive
    union
    select * from far
), final as (
    select from_month, to_month, from_tier, to_tier, count(*) as accounts
    from pairs
    where from_month >= (select history_start from bounds)
    group by all
)
select * from final
