using System.Runtime.CompilerServices;
using Analytics.Models.Monitoring;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.ReportApi.Health;

internal static class HealthEndpoints
{
    /// <summary>
    /// GET /health: open to everyone; says whether the warehouse answers, at which data version, and whether the marts
    /// were built from it ("current") or from an older one ("stale": a load committed and the rebuild after it has not),
    /// per holiday calendar, the tickets whose SLA minutes fall outside the years it covers and from when,
    /// and which model monitoring alerts the latest scoring pass raised ("modelAlerts": kind and subject only, since
    /// /health is open and the figures are the whole book's; "status" stays "ok": the service answers).
    /// </summary>
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", (WarehouseDatabase database) =>
        {
            MartsFreshness marts;
            IReadOnlyList<CalendarGap> gaps;
            IReadOnlyList<MonitoringAlert> alerts;
            using (var connection = database.Connect())
            {
                marts = new MartBuilder(connection).Freshness();
                (gaps, alerts) = Findings(database, connection, marts.MartsVersion);
            }

            return Results.Json(new
            {
                status = "ok",
                dataVersion = marts.DataVersion,
                marts = marts.Current ? "current" : "stale",
                martsVersion = marts.MartsVersion,
                loadedFiles = database.LoadedFiles(),
                lastLoadAt = database.LastLoadAt(),
                calendarGaps = gaps.Select(g => new
                {
                    calendar = g.Calendar,
                    tickets = g.Tickets,
                    years = g.Years,
                    coveredFrom = g.CoveredFrom,
                    coveredTo = g.CoveredTo,
                    outsideFrom = g.OutsideFrom,
                    warning = g.Warning(),
                }),
                modelAlerts = alerts.Select(a => new { kind = a.Kind, subject = a.Subject, scoreRunId = a.ScoreRunId }),
            });
        });

    /// <summary>What /health found last, per warehouse, and the marts version and scoring pass it was read at.</summary>
    private static readonly ConditionalWeakTable<WarehouseDatabase, Found> Last = [];

    /// <summary>
    /// The calendar gaps scan every ticket's SLA row and the alerts read the latest pass's monitoring: /health is polled
    /// by load balancers and monitors, so both are read again only when the marts were rebuilt or a scoring pass ran.
    /// </summary>
    private static (IReadOnlyList<CalendarGap> Gaps, IReadOnlyList<MonitoringAlert> Alerts) Findings(
        WarehouseDatabase database, DuckDB.NET.Data.DuckDBConnection connection, long? martsVersion)
    {
        var passes = MonitoringAlerts.Written(connection);
        if (Last.TryGetValue(database, out var found) && found.MartsVersion == martsVersion && found.Passes == passes)
        {
            return (found.Gaps, found.Alerts);
        }

        found = new Found(martsVersion, passes, CalendarGaps.Read(connection), MonitoringAlerts.Current(connection));
        Last.AddOrUpdate(database, found);
        return (found.Gaps, found.Alerts);
    }

    private sealed record Found(long? MartsVersion, string Passes, IReadOnlyList<CalendarGap> Gaps, IReadOnlyList<MonitoringAlert> Alerts);
}
