using Analytics.Warehouse;

namespace Analytics.ReportApi.Health;

internal static class HealthEndpoints
{
    /// <summary>GET /health: open to everyone; says whether the warehouse answers and at which data version.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", (WarehouseDatabase database) =>
        {
            using var connection = database.Connect();
            var lastLoad = connection.Scalar<DateTime?>("select max(finished_at) from meta.load_batches where status = 'loaded'");
            return Results.Json(new
            {
                status = "ok",
                dataVersion = database.DataVersion(),
                loadedFiles = database.LoadedFiles(),
                lastLoadAt = lastLoad is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : (DateTime?)null,
            });
        });
}
