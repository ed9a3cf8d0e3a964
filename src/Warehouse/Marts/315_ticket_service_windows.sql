-- Grain: one row per ticket: the service window its SLA clocks run in, and its instants on that window's local clock.
-- key: ticket_id
-- refresh by: ticket_id
-- materialized: view
-- A view: ticket_sla computes the same windows in its own SQL (keep the two alike) and maintenance_visits reads
-- ticket_sla, so no refresh reads this; written as a table it cost 1.8 CPU s of a full refresh at 50,000 accounts
-- (1.15 million rows), and ticket_sla's join of it to core.tickets 0.8 more.
-- not null: time_zone, holiday_calendar, service_weekdays, service_start, service_end, response_hours, onsite_hours, opened_local
-- references: ticket_id -> core.tickets.ticket_id
-- references: contract_id -> core.contracts.contract_id
-- The ticket's contract sets the window (service_start..service_end on its service_weekdays), the time zone, the
-- holiday calendar and the response and on-site limits; a ticket without a contract keeps the time zone and
-- calendar of its own source (its time_zone and holiday_calendar columns, or its mapping's); what is still
-- empty comes from the sla.default_* settings. The *_local columns are wall-clock times in
-- the window's zone: all SLA arithmetic is done on them, days being local days.
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
), windows as (
    select
        t.ticket_id,
        t.contract_id,
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
    from windows
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
), final as (
    select
        u.ticket_id,
        u.contract_id,
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
)
select * from final
