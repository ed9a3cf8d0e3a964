-- Calendars users load, and service windows set per contract or per ticket source (issue 15).
-- core.holidays keeps the shipped Calendars/CODE.csv (rewritten on every open); core.user_holidays holds the
-- rows of the `holidays` entity, which a user loads like any other file. A make-up working day (调休上班,
-- kind 'workday') is a service day even when it falls on a day its window's weekdays leave out.
create table core.user_holidays (
    calendar    varchar not null,
    start_date  date not null,
    end_date    date not null,
    kind        varchar not null,
    holiday     varchar,
    name        varchar,
    batch_id    bigint not null,
    check (end_date >= start_date)
);

-- Every period the SLA clocks use. A calendar's year loaded by a user replaces that year of the shipped file,
-- so a corrected or newly announced year needs no new release; a year neither lists is not covered.
create view core.calendar_periods as
select calendar, start_date, end_date, kind, coalesce(name, holiday, kind) as name
from core.user_holidays
union all
select h.calendar, h.start_date, h.end_date, 'holiday' as kind, h.name
from core.holidays h
where not exists (
    select 1 from core.user_holidays u
    where u.calendar = h.calendar and year(u.start_date) = year(h.start_date));

-- The years each calendar covers: those in which it lists at least one period (a holiday or a make-up day).
create view core.calendar_years as
select distinct calendar, unnest(generate_series(year(start_date), year(end_date))) as year
from core.calendar_periods;

-- A ticket's own zone and calendar, from its file or its source's mapping, for tickets a contract does not govern.
alter table core.tickets add column time_zone varchar;
alter table core.tickets add column holiday_calendar varchar;

-- The weekdays (ISO numbers, Monday 1 .. Sunday 7) on which the contract's window opens; null means every day.
alter table core.contracts add column service_weekdays varchar;
