-- Grain: one row per ticket: the service window its SLA clocks run in, and its instants on that window's local clock.
-- key: ticket_id
-- refresh by: ticket_id
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
), final as (
    select
        ticket_id,
        contract_id,
        time_zone,
        holiday_calendar,
        service_weekdays,
        service_start,
        service_end,
        response_hours,
        onsite_hours,
        timezone(time_zone, opened_at) as opened_local,
        timezone(time_zone, first_response_at) as first_response_local,
        timezone(time_zone, onsite_at) as onsite_local
    from windows
)
select * from final
