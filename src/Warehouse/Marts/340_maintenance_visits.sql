-- Grain: one row per contract per month a visit is owed: the months it is active, from start_date to the earliest
-- of its last day in force (end_date, or for an auto-renewing contract no end until terminated_on), terminated_on
-- and as_of, and from the first month the ticket export covers (maintenance.owed_from, else the first ticket's month).
-- key: contract_id, month
-- not null: account_id, visits_done, is_month_over, missed
-- references: contract_id -> core.contracts.contract_id
-- references: account_id -> core.accounts.account_id
-- as_of moves: months onwards
-- A later as_of changes only the months from the earlier as_of's month on: as_of caps a contract's last active day (a
-- month before the earlier as_of's was over then and stays so), and no month goes.
-- The agreement: "乙方于每月X号,指定技术员至甲方处进行定期维护": one scheduled visit (定期维护) is owed each such
-- month, a partly active month included, and it is a technician coming to the customer's site. visits_done counts
-- the maintenance tickets naming the contract whose on-site arrival (onsite_at) fell in that month (local month, as
-- in ticket_sla); a ticket nobody arrived for is no visit. A month is missed when no visit was done and it is over
-- for the contract: its last active day is before as_of. Before the ticket export begins no visit can be seen, so
-- no month before it is owed (nor counted as missed).
with contracts as (
    select * from core.contracts
), as_of as (
    select as_of_date from marts.as_of
), covered as (
    select date_trunc('month', coalesce(
        (select try_cast(value as date) from meta.settings where key = 'maintenance.owed_from'),
        (select min(month) from marts.ticket_sla)))::date as owed_from
), visits as (
    -- The on-site instant's month on the window's local clock, from ticket_sla (its kind, contract and the window's
    -- zone; ticket_service_windows is a view). A zone is less than a day off UTC, so an instant more than a day from a
    -- UTC month's edge lies in that month on every clock; only the others pay timezone() with a zone per row, a
    -- calendar lookup (all 0.38 million maintenance tickets converted: 0.6-1.0 CPU s more at 50,000 accounts).
    select contract_id,
        case when date_trunc('month', onsite_utc - interval 1 day) = date_trunc('month', onsite_utc + interval 1 day)
            then date_trunc('month', onsite_utc)::date
            else date_trunc('month', timezone(time_zone, onsite_at))::date end as month,
        count(*) as visits_done
    from (
        select contract_id, time_zone, onsite_at, make_timestamp(epoch_us(onsite_at)) as onsite_utc
        from marts.ticket_sla
        where kind = 'maintenance' and contract_id is not null and onsite_at is not null
    )
    group by all
), active as (
    select
        c.contract_id,
        c.account_id,
        -- no ticket exported and no setting: no visit can be judged, none is owed
        case when v.owed_from is not null then greatest(c.start_date, v.owed_from) end as owed_start,
        -- An auto-renewing contract stays in force past end_date until terminated (as contract_terms counts it).
        least(case when c.auto_renew then coalesce(c.terminated_on, a.as_of_date)
                   else least(c.end_date, coalesce(c.terminated_on, c.end_date)) end,
              a.as_of_date) as active_until,
        a.as_of_date
    from contracts c
    cross join as_of a
    cross join covered v
), months as (
    select
        *,
        unnest(generate_series(date_trunc('month', owed_start), date_trunc('month', active_until), interval 1 month))::date as month
    from active
    where active_until >= owed_start
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
