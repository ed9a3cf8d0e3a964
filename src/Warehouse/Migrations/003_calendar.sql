-- Public-holiday periods per calendar (CN = mainland China, as the State Council announces
-- them). Filled from the data files in Calendars/ on every open, so adding a year is adding rows there.
create table core.holidays (
    calendar    varchar not null,
    holiday     varchar not null,
    name        varchar not null,
    start_date  date not null,
    end_date    date not null,
    check (end_date >= start_date)
);
