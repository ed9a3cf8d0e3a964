using Analytics.Warehouse;

namespace Analytics.ReportApi.Health;

internal static class HealthEndpoints
{
    /// <summary>GET /health: open to everyone; says whether the warehouse answers and at which data version.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", (WarehouseDatabase database) => Results.Json(new
        {
            status = "ok",
            dataVersion = database.DataVersion(),
            loadedFiles = database.LoadedFiles(),
            lastLoadAt = database.LastLoadAt(),
        }));
}
