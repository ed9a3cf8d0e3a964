-- Grain: one row per contract per month it is active, from start_date to the earliest of its last day in force
-- (end_date, or for an auto-renewing contract no end until terminated_on), terminated_on and as_of.
-- key: contract_id, month
-- not null: account_id, visits_done, is_month_over, missed
-- references: contract_id -> core.contracts.contract_id
-- references: account_id -> core.accounts.account_id
-- One scheduled maintenance visit (定期维护) is owed each such month, a partly active month included. visits_done
-- counts the maintenance tickets naming the contract opened that month (local month, as in ticket_sla). A month
-- is missed when no visit was done and it is over for the contract: its last active day is before as_of.
with contracts as (
    select * from core.contracts
), as_of as (
    select as_of_date from marts.as_of
), visits as (
    select contract_id, month, count(*) as visits_done
    from marts.ticket_sla
    where kind = 'maintenance' and contract_id is not null
    group by contract_id, month
), active as (
    select
        c.contract_id,
        c.account_id,
        c.start_date,
        -- An auto-renewing contract stays in force past end_date until terminated (as contract_terms counts it).
        least(case when c.auto_renew then coalesce(c.terminated_on, a.as_of_date)
                   else least(c.end_date, coalesce(c.terminated_on, c.end_date)) end,
              a.as_of_date) as active_until,
        a.as_of_date
    from contracts c
    cross join as_of a
), months as (
    select
        *,
        unnest(generate_series(date_trunc('month', start_date), date_trunc('month', active_until), interval 1 month))::date as month
    from active
    where active_until >= start_date
), final as (
    select
        m.contract_id,
        m.account_id,
        m.month,
        1 as visits_owed,
        coalesce(v.visits_done, 0) as visits_done,
        least(last_day(m.month), m.active_until) < m.as_of_date as is_month_over,
        coalesce(v.visits_done, 0) = 0 and least(last_day(m.month), m.active_until) < m.as_of_date as missed
    from months m
    left join visits v on v.contract_id = m.contract_id and v.month = m.month
)
select * from final
