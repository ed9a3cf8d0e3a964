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
                gaps = CalendarGaps.Read(connection);
                alerts = MonitoringAlerts.Current(connection);
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
}
