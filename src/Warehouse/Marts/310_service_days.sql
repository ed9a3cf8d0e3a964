-- Grain: one row per holiday calendar per set of service weekdays per day, over the years the tickets and invoices
-- span and beyond (a month after the last ticket, a year after the last invoice), whole calendar years.
-- key: holiday_calendar, service_weekdays, service_date
-- not null: is_service_day, calendar_covered, service_days_before, uncovered_days_before
-- A day is a service day when its weekday is one of the window's service_weekdays (ISO digits, '1234567' every
-- day) or the calendar makes it a make-up working day (调休上班), and it lies inside none of the calendar's holiday
-- periods. Calendars are core.calendar_periods: the shipped files and the holidays users load. service_days_before
-- counts the service days before this day in the span, so the service time between two instants is a difference of
-- counts (see ticket_sla), not a walk over days; uncovered_days_before does the same for days outside the years the
-- calendar covers (calendar_covered false: no holiday is known there, so figures over them are marked).
-- next_service_date is the first service day after this one: where a clock that is waiting resumes;
-- next_service_uncovered_through counts the uncovered days up to and including it.
-- The same count gives working days (工作日) for payment terms: the calendars on payments.working_weekdays.
with tickets as (
    select opened_at, first_response_at, onsite_at from core.tickets
), periods as (
    select * from core.calendar_periods
), covered_years as (
    select * from core.calendar_years
), defaults as (
    select
        max(value) filter (where key = 'sla.default_holiday_calendar') as holiday_calendar,
        max(value) filter (where key = 'sla.default_service_weekdays') as service_weekdays,
        max(value) filter (where key = 'payments.working_weekdays') as working_weekdays
    from meta.settings
), calendars as (
    -- The pairs windows use (see ticket_service_windows): a contract's, or a ticket's calendar on the default weekdays.
    select c.holiday_calendar, coalesce(c.service_weekdays, d.service_weekdays) as service_weekdays from core.contracts c cross join defaults d
    union
    select t.holiday_calendar, d.service_weekdays from (select distinct holiday_calendar from core.tickets) t cross join defaults d
    where t.holiday_calendar is not null
    union
    select holiday_calendar, service_weekdays from defaults
    union
    -- working days for payment terms (see invoice_payments): each contract's calendar, and the default one
    select c.holiday_calendar, d.working_weekdays from core.contracts c cross join defaults d
    union
    select holiday_calendar, working_weekdays from defaults
), span as (
    -- UTC days widened by a day cover every local day; the month after lets a clock wait out any holiday period,
    -- the year after the last invoice holds any due date its terms count. Whole years, so that a day's new tickets
    -- and invoices leave the span as it was (and the marts reading it keep their rows: docs/marts.md, after a load).
    select date_trunc('year', min(first_day))::date as first_day, (date_trunc('year', max(last_day)) + interval 1 year - interval 1 day)::date as last_day
    from (
        -- converted after min and max (UTC keeps the order of instants): one conversion, not one per ticket
        select
            timezone('UTC', min(opened_at))::date - 1 as first_day,
            timezone('UTC', max(greatest(opened_at, first_response_at, onsite_at)))::date + 31 as last_day
        from tickets
        union all
        select min(invoice_date), max(invoice_date) + 366 from core.orders
    )
), days as (
    select c.holiday_calendar, c.service_weekdays, unnest(generate_series(s.first_day, s.last_day, interval 1 day))::date as service_date
    from calendars c
    cross join span s
), flagged as (
    select
        d.holiday_calendar,
        d.service_weekdays,
        d.service_date,
        string_agg(distinct p.name, '、' order by p.name) filter (where p.kind = 'holiday') as holiday,
        count(*) filter (where p.kind = 'holiday') = 0
            and (contains(d.service_weekdays, isodow(d.service_date)::varchar) or count(*) filter (where p.kind = 'workday') > 0)
            as is_service_day,
        max(y.year) is not null as calendar_covered
    from days d
    left join periods p on p.calendar = d.holiday_calendar and d.service_date between p.start_date and p.end_date
    left join covered_years y on y.calendar = d.holiday_calendar and y.year = year(d.service_date)
    group by d.holiday_calendar, d.service_weekdays, d.service_date
), counted as (
    select
        *,
        count(*) filter (where not calendar_covered) over (
            partition by holiday_calendar, service_weekdays order by service_date rows between unbounded preceding and current row) as uncovered_days_through
    from flagged
), final as (
    select
        holiday_calendar,
        service_weekdays,
        service_date,
        is_service_day,
        holiday,
        calendar_covered,
        -- counts, not sums of integers: a sum is a 128-bit integer in DuckDB, and the clocks multiply and divide by these
        count(*) filter (where is_service_day) over (
            partition by holiday_calendar, service_weekdays order by service_date rows between unbounded preceding and 1 preceding) as service_days_before,
        uncovered_days_through - (not calendar_covered)::integer as uncovered_days_before,
        min(service_date) filter (where is_service_day) over following as next_service_date,
        -- the count only grows with the date, so its least over the following service days is the next one's
        min(uncovered_days_through) filter (where is_service_day) over following as next_service_uncovered_through
    from counted
    window following as (partition by holiday_calendar, service_weekdays order by service_date rows between 1 following and unbounded following)
)
select * from final
