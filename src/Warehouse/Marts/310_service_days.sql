-- Grain: one row per holiday calendar per day, over the days the tickets span and a month beyond.
-- key: holiday_calendar, service_date
-- not null: is_service_day, service_days_before
-- Every day of the week is a service day unless it lies inside one of its calendar's holiday periods;
-- a calendar a contract names but no Calendars/ file defines has no holidays. service_days_before
-- counts the calendar's service days before this day in the span, so the service time between two
-- instants is a difference of counts (see ticket_sla), not a walk over days. next_service_date is the
-- first service day after this one: where a clock that is waiting resumes.
with tickets as (
    select opened_at, first_response_at, onsite_at from core.tickets
), holidays as (
    select * from core.holidays
), calendars as (
    select holiday_calendar from core.contracts
    union
    select value from meta.settings where key = 'sla.default_holiday_calendar'
), span as (
    -- UTC days widened by a day cover every local day; the month after lets a clock wait out any holiday period.
    select
        min(timezone('UTC', opened_at))::date - 1 as first_day,
        max(timezone('UTC', greatest(opened_at, first_response_at, onsite_at)))::date + 31 as last_day
    from tickets
), days as (
    select c.holiday_calendar, unnest(generate_series(s.first_day, s.last_day, interval 1 day))::date as service_date
    from calendars c
    cross join span s
), flagged as (
    select
        d.holiday_calendar,
        d.service_date,
        string_agg(distinct h.name, '、' order by h.name) as holiday,
        count(h.name) = 0 as is_service_day
    from days d
    left join holidays h on h.calendar = d.holiday_calendar and d.service_date between h.start_date and h.end_date
    group by d.holiday_calendar, d.service_date
), final as (
    select
        holiday_calendar,
        service_date,
        is_service_day,
        holiday,
        coalesce(sum(is_service_day::integer) over (
            partition by holiday_calendar order by service_date rows between unbounded preceding and 1 preceding), 0) as service_days_before,
        min(service_date) filter (where is_service_day) over (
            partition by holiday_calendar order by service_date rows between 1 following and unbounded following) as next_service_date
    from flagged
)
select * from final
