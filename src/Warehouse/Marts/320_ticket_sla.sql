-- Grain: one row per ticket: when its SLA clock starts, its response and on-site times in service minutes, and whether each met its limit.
-- key: ticket_id
-- refresh by: ticket_id
-- not null: account_id, kind, opened_at, month, calendar_covered
-- accepted: kind in (phone, onsite, maintenance, complaint, request)
-- references: ticket_id -> core.tickets.ticket_id
-- references: account_id -> core.accounts.account_id
-- references: contract_id -> core.contracts.contract_id
-- The service time elapsed on a calendar up to a local instant t is
--   service_days_before(t's day) x the window's length + the part of t's day's window before t (on a service day),
-- and the service time from opening to an event is the difference of the two. Minutes are whole, rounded down
-- (floor of service seconds / 60): a response 120 min 59 s into the clock counts as 120 minutes and meets a
-- 2-hour limit; 121 minutes breaches it. An event before the clock starts takes 0 minutes.
-- *_met is null without the event, and for maintenance visits, which are scheduled rather than asked for.
-- month is the month of opened_at on the window's local clock; clock_start_at is the first service minute at or after it.
-- calendar_covered is false when a day from the opening to the last instant the clocks use lies in a year its holiday
-- calendar does not cover: those minutes assume no holidays there (counted by /health and refresh).
with tickets as (
    select * from core.tickets
), windows as (
    select * from marts.ticket_service_windows
), days as (
    select * from marts.service_days
), instants as (
    select ticket_id, holiday_calendar, service_weekdays, service_start, service_end, 'opened' as event, opened_local as at_local from windows
    union all
    select ticket_id, holiday_calendar, service_weekdays, service_start, service_end, 'response', first_response_local from windows where first_response_local is not null
    union all
    select ticket_id, holiday_calendar, service_weekdays, service_start, service_end, 'onsite', onsite_local from windows where onsite_local is not null
), bounded as (
    select
        *,
        at_local::date as day,
        at_local::date + service_start as day_start,
        at_local::date + service_end as day_end,
        datediff('microsecond', date '2000-01-01' + service_start, date '2000-01-01' + service_end) as window_us
    from instants
), on_clock as (
    select
        b.ticket_id,
        b.event,
        d.service_days_before * b.window_us
            + case when d.is_service_day then datediff('microsecond', b.day_start, least(greatest(b.at_local, b.day_start), b.day_end)) else 0 end
            as service_us,
        case when d.is_service_day and b.at_local < b.day_end then greatest(b.at_local, b.day_start)
            else d.next_service_date + b.service_start end as clock_start_local,
        -- uncovered days before this instant's day, and through the last day its clock reads (the next service day when it waits)
        d.uncovered_days_before as uncovered_before,
        case when b.event = 'opened' and not (d.is_service_day and b.at_local < b.day_end) then d.next_service_uncovered_through
            else d.uncovered_days_before + (not d.calendar_covered)::integer end as uncovered_through
    from bounded b
    join days d on d.holiday_calendar = b.holiday_calendar and d.service_weekdays = b.service_weekdays and d.service_date = b.day
), per_ticket as (
    select
        ticket_id,
        max(service_us) filter (where event = 'opened') as opened_us,
        max(service_us) filter (where event = 'response') as response_us,
        max(service_us) filter (where event = 'onsite') as onsite_us,
        max(clock_start_local) filter (where event = 'opened') as clock_start_local,
        max(uncovered_through) = min(uncovered_before) as calendar_covered
    from on_clock
    group by ticket_id
), measured as (
    select
        t.* exclude (time_zone, holiday_calendar),
        p.calendar_covered,
        w.opened_local, w.time_zone, w.holiday_calendar, w.service_start, w.service_end, w.response_hours, w.onsite_hours,
        -- timezone() with a zone per row costs a calendar per row: only a clock that waited needs converting back
        case when p.clock_start_local = w.opened_local then t.opened_at else timezone(w.time_zone, p.clock_start_local) end as clock_start_at,
        (p.response_us - p.opened_us) // 60000000 as response_minutes,
        (p.onsite_us - p.opened_us) // 60000000 as onsite_minutes
    from tickets t
    join windows w on w.ticket_id = t.ticket_id
    left join per_ticket p on p.ticket_id = t.ticket_id
), final as (
    select
        ticket_id, account_id, contract_id, kind, engineer, site, contact, is_designated_contact, satisfaction,
        opened_at,
        date_trunc('month', opened_local)::date as month,
        time_zone, holiday_calendar, service_start, service_end, response_hours, onsite_hours,
        clock_start_at,
        first_response_at,
        onsite_at,
        response_minutes,
        onsite_minutes,
        case when kind <> 'maintenance' then response_minutes <= response_hours * 60 end as response_met,
        case when kind <> 'maintenance' then onsite_minutes <= onsite_hours * 60 end as onsite_met,
        calendar_covered
    from measured
)
select * from final
