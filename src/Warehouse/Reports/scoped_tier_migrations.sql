-- OData's TierMigrations for a region-limited reader: marts.tier_migrations' rule over the visible companies only.
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
