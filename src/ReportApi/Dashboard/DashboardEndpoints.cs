using Analytics.ReportApi.Access;
using Analytics.ReportApi.Charts;
using Analytics.Warehouse;
using Analytics.Warehouse.Reports;

namespace Analytics.ReportApi.Dashboard;

/// <summary>
/// GET /: the managers' dashboard (marketing's own page for a marketing key), with the same parameters as the charts (window, tier, region, lang). GET /dashboard
/// (the address the docs give) leads there with its parameters; /favicon.ico is the icon browsers ask for.
/// </summary>
internal static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http, WarehouseDatabase database, ReportCache cache) =>
        {
            var (request, error) = ChartRequest.Parse(http.Request);
            if (request is null)
            {
                return Results.BadRequest(error);
            }

            var scope = AccessScope.Of(http);
            using var connection = database.Connect();
            var state = ReportQueries.State(connection);
            if (scope.Role == AccessScope.Marketing)
            {
                // Marketing's own page: targets and campaigns, not the managers' figures (which its role may not read).
                return Results.Content(MarketingPage.Render(connection, scope, request, state.DataVersion), "text/html; charset=utf-8");
            }

            var regions = VisibleRegions.Of(connection, cache, state, scope);
            if (VisibleRegions.Check(request, regions) is { } regionError)
            {
                return Results.BadRequest(regionError);
            }

            // The language only changes the words, so the numbers are cached once for both.
            var model = cache.GetOrAdd(state, scope, $"dashboard|{request.QueryString(Language.Zh)}",
                () => DashboardQueries.Load(connection, request.Filter, scope.AccountFilter, state));
            var page = cache.GetOrAdd(state, scope, $"page|{request.QueryString()}",
                () => DashboardPage.Render(model, request, regions, state.DataVersion));
            return Results.Content(page, "text/html; charset=utf-8");
        });

        // One address for the page, so its links and form (which go to '/') and a bookmark agree.
        app.MapGet("/dashboard", (HttpContext http) => Results.Redirect("/" + http.Request.QueryString.Value))
            .ExcludeFromDescription();
        app.MapGet("/favicon.ico", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=604800";
            return Results.Bytes(Favicon.Icon, "image/x-icon");
        }).ExcludeFromDescription();
        return app;
    }
}
