-- The company's ($1) service over the 12 months up to as_of: tickets, SLA breaches (a response or on-site step
-- measured and missed, marts.ticket_sla), complaints, complaints still unresolved (at any age), mean satisfaction,
-- and scheduled maintenance visits owed and done in its contracts' months that are over (marts.maintenance_visits).
with company as (
    select account_id from marts.account_merge_map m where master_account_id = $1 and {{visible:m.account_id}}
), window_start as (
    select (as_of_date - interval 12 month)::date as since, as_of_date from marts.as_of
), tickets as (
    select t.kind, t.satisfaction, t.resolved_at, t.opened_at::date >= w.since as is_recent,
        s.response_met = false or s.onsite_met = false as breached
    from core.tickets t
    join company c using (account_id)
    left join marts.ticket_sla s using (ticket_id)
    cross join window_start w
    where t.opened_at::date <= w.as_of_date
), visits as (
    select coalesce(sum(v.visits_owed), 0)::bigint as visits_owed, coalesce(sum(least(v.visits_done, 1)), 0)::bigint as visits_done
    from marts.maintenance_visits v
    join company c using (account_id)
    cross join window_start w
    where v.is_month_over and v.month >= w.since
), final as (
    select
        count(*) filter (where is_recent) as tickets,
        count(*) filter (where is_recent and breached) as sla_breaches,
        count(*) filter (where is_recent and kind = 'complaint') as complaints,
        count(*) filter (where kind = 'complaint' and resolved_at is null) as open_complaints,
        round(avg(satisfaction) filter (where is_recent), 2) as satisfaction,
        (select visits_owed from visits) as visits_owed,
        (select visits_done from visits) as visits_done
    from tickets
)
select * from final
