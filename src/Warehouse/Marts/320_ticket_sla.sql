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
), contracts as (
    select * from core.contracts
), defaults as (
    select
        max(value) filter (where key = 'sla.default_response_hours')::decimal(9,2) as response_hours,
        max(value) filter (where key = 'sla.default_onsite_hours')::decimal(9,2) as onsite_hours,
        max(value) filter (where key = 'sla.default_service_start')::time as service_start,
        max(value) filter (where key = 'sla.default_service_end')::time as service_end,
        max(value) filter (where key = 'sla.default_time_zone') as time_zone,
        max(value) filter (where key = 'sla.default_holiday_calendar') as holiday_calendar,
        max(value) filter (where key = 'sla.default_service_weekdays') as service_weekdays
    from meta.settings
), contracted as (
    -- the window's terms: the contract's, else the ticket's zone and calendar, else the defaults; the ticket's own
    -- columns are carried along
    select
        t.ticket_id,
        t.account_id,
        t.contract_id,
        t.kind,
        t.engineer,
        t.site,
        t.contact,
        t.is_designated_contact,
        t.satisfaction,
        coalesce(c.time_zone, t.time_zone, d.time_zone) as time_zone,
        coalesce(c.holiday_calendar, t.holiday_calendar, d.holiday_calendar) as holiday_calendar,
        coalesce(c.service_weekdays, d.service_weekdays) as service_weekdays,
        coalesce(c.service_start, d.service_start) as service_start,
        coalesce(c.service_end, d.service_end) as service_end,
        coalesce(c.response_hours, d.response_hours) as response_hours,
        coalesce(c.onsite_hours, d.onsite_hours) as onsite_hours,
        t.opened_at,
        t.first_response_at,
        t.onsite_at
    from tickets t
    left join contracts c on c.contract_id = t.contract_id
    cross join defaults d
), utc as (
    -- each instant as a UTC wall-clock timestamp, by arithmetic on its microseconds (no time-zone lookup)
    select *,
        make_timestamp(epoch_us(opened_at)) as opened_utc,
        make_timestamp(epoch_us(first_response_at)) as first_response_utc,
        make_timestamp(epoch_us(onsite_at)) as onsite_utc
    from contracted
), zone_days as (
    -- A zone's offset at the start and at the end of each UTC day of the span: timezone() with a zone per row costs a
    -- calendar lookup per row, so it is done per zone and day, and an instant's local time is its UTC time plus its
    -- day's offset. A day whose offset changes (a daylight-saving switch) has two and converts its instants one by one.
    -- Every zone a window can take, over the tickets' span, read from the core tables: a CTE read twice is
    -- materialised, a copy of every ticket (and a refresh's ticket ids would stop above it).
    select z.time_zone, d.day,
        epoch_us(timezone(z.time_zone, timezone('UTC', d.day::timestamp))) - epoch_us(d.day::timestamp) as start_offset_us,
        epoch_us(timezone(z.time_zone, timezone('UTC', d.day::timestamp + interval 1 day))) - epoch_us(d.day::timestamp + interval 1 day) as end_offset_us
    from (
        select time_zone from core.contracts where time_zone is not null
        union
        select time_zone from core.tickets where time_zone is not null
        union
        select time_zone from defaults
    ) z
    cross join (
        select unnest(generate_series(
            make_timestamp(epoch_us(min(opened_at)))::date,
            make_timestamp(epoch_us(max(greatest(opened_at, first_response_at, onsite_at))))::date, interval 1 day))::date as day
        from core.tickets
    ) d
), windows as (
    -- Each ticket's window and local instants: ticket_service_windows' SQL (a view: keep the two alike; LocalClockTests
    -- read the view), with the ticket's own columns carried along. Read from a table of the windows, they met
    -- core.tickets again on ticket_id, a join of 1.15 million rows to as many at 50,000 accounts, on top of writing
    -- that table (see docs/performance.md, Refresh).
    select
        u.ticket_id,
        u.account_id,
        u.contract_id,
        u.kind,
        u.engineer,
        u.site,
        u.contact,
        u.is_designated_contact,
        u.satisfaction,
        u.opened_at,
        u.first_response_at,
        u.onsite_at,
        u.time_zone,
        u.holiday_calendar,
        u.service_weekdays,
        u.service_start,
        u.service_end,
        u.response_hours,
        u.onsite_hours,
        case when o.start_offset_us = o.end_offset_us then u.opened_utc + to_microseconds(o.start_offset_us)
            else timezone(u.time_zone, u.opened_at) end as opened_local,
        case when r.start_offset_us = r.end_offset_us then u.first_response_utc + to_microseconds(r.start_offset_us)
            else timezone(u.time_zone, u.first_response_at) end as first_response_local,
        case when s.start_offset_us = s.end_offset_us then u.onsite_utc + to_microseconds(s.start_offset_us)
            else timezone(u.time_zone, u.onsite_at) end as onsite_local
    from utc u
    left join zone_days o on o.time_zone = u.time_zone and o.day = u.opened_utc::date
    left join zone_days r on r.time_zone = u.time_zone and r.day = u.first_response_utc::date
    left join zone_days s on s.time_zone = u.time_zone and s.day = u.onsite_utc::date
), days as (
    select * from marts.service_days
), days_met as (
    -- each instant meets its own day of the window's calendar, one join per instant, so a ticket stays one row: a union
    -- of its instants grouped back by ticket cost a hash aggregate over every instant, most of this model's time
    select
        w.*,
        datediff('microsecond', date '2000-01-01' + w.service_start, date '2000-01-01' + w.service_end) as window_us,
        w.opened_local::date + w.service_start as opened_day_start,
        w.opened_local::date + w.service_end as opened_day_end,
        o.service_days_before as opened_days_before, o.is_service_day as opened_on_service_day,
        o.next_service_date, o.next_service_uncovered_through,
        o.uncovered_days_before as opened_uncovered_before, o.calendar_covered as opened_day_covered,
        r.service_days_before as response_days_before, r.is_service_day as response_on_service_day,
        r.uncovered_days_before as response_uncovered_before, r.calendar_covered as response_day_covered,
        s.service_days_before as onsite_days_before, s.is_service_day as onsite_on_service_day,
        s.uncovered_days_before as onsite_uncovered_before, s.calendar_covered as onsite_day_covered
    from windows w
    left join days o on o.holiday_calendar = w.holiday_calendar and o.service_weekdays = w.service_weekdays and o.service_date = w.opened_local::date
    left join days r on r.holiday_calendar = w.holiday_calendar and r.service_weekdays = w.service_weekdays and r.service_date = w.first_response_local::date
    left join days s on s.holiday_calendar = w.holiday_calendar and s.service_weekdays = w.service_weekdays and s.service_date = w.onsite_local::date
), on_clock as (
    -- the service time up to each instant: its day's service days before it, whole, and the part of its day's window before it
    select
        ticket_id, account_id, contract_id, kind, engineer, site, contact, is_designated_contact, satisfaction,
        opened_at, first_response_at, onsite_at,
        time_zone, holiday_calendar, service_start, service_end, response_hours, onsite_hours, opened_local,
        opened_days_before * window_us + case when opened_on_service_day
            then datediff('microsecond', opened_day_start, least(greatest(opened_local, opened_day_start), opened_day_end)) else 0 end as opened_us,
        response_days_before * window_us + case when response_on_service_day
            then datediff('microsecond', first_response_local::date + service_start,
                least(greatest(first_response_local, first_response_local::date + service_start), first_response_local::date + service_end)) else 0 end as response_us,
        onsite_days_before * window_us + case when onsite_on_service_day
            then datediff('microsecond', onsite_local::date + service_start,
                least(greatest(onsite_local, onsite_local::date + service_start), onsite_local::date + service_end)) else 0 end as onsite_us,
        case when opened_on_service_day and opened_local < opened_day_end then greatest(opened_local, opened_day_start)
            else next_service_date + service_start end as clock_start_local,
        -- uncovered days before each instant's day, and through the last day the clocks read (the next service day
        -- when the opening waits): the tickets' days are all covered when the least count before equals the greatest through
        least(opened_uncovered_before, response_uncovered_before, onsite_uncovered_before) as uncovered_before,
        greatest(
            case when opened_on_service_day and opened_local < opened_day_end then opened_uncovered_before + (not opened_day_covered)::integer
                else next_service_uncovered_through end,
            response_uncovered_before + (not response_day_covered)::integer,
            onsite_uncovered_before + (not onsite_day_covered)::integer) as uncovered_through
    from days_met
), measured as (
    select
        p.ticket_id, p.account_id, p.contract_id, p.kind, p.engineer, p.site, p.contact, p.is_designated_contact,
        p.satisfaction, p.opened_at, p.first_response_at, p.onsite_at,
        p.uncovered_through = p.uncovered_before as calendar_covered,
        p.opened_local, p.time_zone, p.holiday_calendar, p.service_start, p.service_end, p.response_hours, p.onsite_hours,
        -- timezone() with a zone per row costs a calendar per row: only a clock that waited needs converting back
        case when p.clock_start_local = p.opened_local then p.opened_at else timezone(p.time_zone, p.clock_start_local) end as clock_start_at,
        (p.response_us - p.opened_us) // 60000000 as response_minutes,
        (p.onsite_us - p.opened_us) // 60000000 as onsite_minutes
    from on_clock p
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
