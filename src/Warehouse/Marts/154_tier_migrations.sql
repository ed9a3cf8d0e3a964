-- Grain: one row per pair of month ends compared and per tier moved from and to.
-- key: from_month, to_month, from_tier, to_tier
-- not null: accounts
-- accepted: from_tier in (new, A, B, C)
-- accepted: to_tier in (A, B, C)
-- Tier migration matrix: the as_of month against the month before it and against migration.months_apart
-- months earlier (another month's matrix: set as_of_date). from_tier 'new' is an account with no order yet
-- at the earlier month end. Both months must lie in the history (history.months). The "visible" mark is where a
-- region-limited reader's version (Reports/scoped_tier_migrations.sql) keeps the companies it may see; here all.
with history as (
    select master_account_id, month, tier from marts.account_segment_history where {{visible:master_account_id}}
), pairs as (
    select
        (date_trunc('month', as_of_date) - to_months(apart))::date as from_month,
        date_trunc('month', as_of_date)::date as to_month
    from marts.as_of, (
        select 1 as apart
        union
        select value::integer from meta.settings where key = 'migration.months_apart'
    )
), moves as (
    select p.from_month, p.to_month, coalesce(f.tier, 'new') as from_tier, t.tier as to_tier
    from pairs p
    join history t on t.month = p.to_month
    left join history f on f.month = p.from_month and f.master_account_id = t.master_account_id
    where p.from_month >= (
        select (date_trunc('month', as_of_date) - to_months(value::integer))::date from marts.as_of, meta.settings where key = 'history.months'
    )
), final as (
    select from_month, to_month, from_tier, to_tier, count(*) as accounts
    from moves
    group by all
)
select * from final
