using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.ReportApi.Access;
using Analytics.Warehouse;
using Analytics.Warehouse.Reports;

namespace Analytics.ReportApi.Charts;

/// <summary>
/// GET /charts/{name}.png, .svg and .json (the numbers drawn, for checking and for other tools), with the query
/// parameters window, tier, region, lang and group. Every query runs through the caller's access scope.
/// </summary>
internal static class ChartEndpoints
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static void MapCharts(this IEndpointRouteBuilder app) =>
        app.MapGet("/charts/{name}.{format}", (string name, string format, HttpContext http, WarehouseDatabase database, ReportCache cache) =>
        {
            if (ChartCatalog.Find(name) is not { } chart)
            {
                return Results.NotFound($"There is no chart '{name}'; charts: {string.Join(", ", ChartCatalog.All.Select(c => c.Name))}.");
            }

            if (format is not ("png" or "svg" or "json"))
            {
                return Results.NotFound($"Charts come as .png, .svg or .json, not .{format}.");
            }

            var (request, error) = ChartRequest.Parse(http.Request);
            if (request is null)
            {
                return Results.BadRequest(error);
            }

            var scope = AccessScope.Of(http);
            using var connection = database.Connect();
            var state = ReportQueries.State(connection);
            if (VisibleRegions.Check(request, VisibleRegions.Of(connection, cache, state, scope)) is { } regionError)
            {
                return Results.BadRequest(regionError);
            }

            var key = $"chart|{name}|{request.QueryString()}|group={request.Group}";
            var data = cache.GetOrAdd(state, scope, key, () => chart.Build(new ChartContext(connection, request, scope.AccountFilter, state)));
            return format switch
            {
                "png" => Results.File(cache.GetOrAdd(state, scope, key + "|png", () => ChartRenderer.Png(data)), "image/png"),
                "svg" => Results.Text(cache.GetOrAdd(state, scope, key + "|svg", () => ChartRenderer.Svg(data)), "image/svg+xml"),
                _ => Results.Json(data, Json),
            };
        });
}
