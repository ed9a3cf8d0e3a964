using DuckDB.NET.Data;

namespace Analytics.Warehouse;

/// <summary>Where the holiday calendars end: the SLA figures computed outside their covered years, per calendar.</summary>
public static class CalendarGaps
{
    /// <summary>Read from the built marts; none before the marts exist.</summary>
    public static IReadOnlyList<CalendarGap> Read(DuckDBConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!connection.Scalar<bool>("select exists (select 1 from duckdb_tables() where schema_name = 'marts' and table_name = 'ticket_sla')"))
        {
            return [];
        }

        return connection.Rows("""
            with outside as (
                -- every year from the opening to the last instant the clocks read, on the window's local clock
                select holiday_calendar as calendar, ticket_id, unnest(generate_series(
                    year(timezone(time_zone, opened_at)),
                    year(timezone(time_zone, greatest(opened_at, coalesce(clock_start_at, opened_at), coalesce(first_response_at, opened_at), coalesce(onsite_at, opened_at)))))) as year
                from marts.ticket_sla
                where not calendar_covered
            ), uncovered as (
                select calendar, count(distinct ticket_id) as tickets, list_sort(list(distinct year::integer)) as years
                from outside o
                where not exists (select 1 from core.calendar_years y where y.calendar = o.calendar and y.year = o.year)
                group by calendar
            ), covered as (
                select calendar, min(year)::integer as covered_from, max(year)::integer as covered_to from core.calendar_years group by calendar
            )
            select u.calendar, u.tickets, u.years, c.covered_from, c.covered_to
            from uncovered u left join covered c on c.calendar = u.calendar
            order by u.calendar
            """,
            r => new CalendarGap(
                r.Get<string>("calendar"),
                r.Get<long>("tickets"),
                r.Get<List<int>>("years"),
                r.Get<int?>("covered_from"),
                r.Get<int?>("covered_to")));
    }
}
