using Analytics.Models.Actions;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Charts;
using Analytics.Warehouse;
using Analytics.Warehouse.Reports;

namespace Analytics.ReportApi.Accounts;

/// <summary>
/// GET /accounts/{accountId}: one company on one page (a duplicate's id shows its company); its charts at
/// /accounts/{accountId}/charts/{revenue|margin}.{png|svg|json}; POST /api/accounts/{accountId}/whatif re-scores its
/// churn with changed actionable features. An account the caller's scope does not see is a 404, like one that is not there.
/// </summary>
internal static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/accounts/{accountId}", (string accountId, HttpContext http, WarehouseDatabase database, ReportCache cache) =>
            WithAccount(accountId, http, database, cache, (request, state, master, model) =>
                Results.Content(cache.GetOrAdd(state, AccessScope.Of(http), $"account-page|{master}|{LanguageChoice.Code(request.Language)}",
                    () => AccountPage.Render(model(), request.Language, state.DataVersion)), "text/html; charset=utf-8")))
            .ExcludeFromDescription();

        app.MapGet("/accounts/{accountId}/charts/{name}.{format}", (string accountId, string name, string format, HttpContext http, WarehouseDatabase database, ReportCache cache) =>
        {
            if (!AccountCharts.Names.Contains(name) || format is not ("png" or "svg" or "json"))
            {
                return Results.NotFound(new ApiError($"Account charts are {string.Join(", ", AccountCharts.Names)}, as .png, .svg or .json."));
            }

            return WithAccount(accountId, http, database, cache, (request, state, master, model) =>
            {
                var scope = AccessScope.Of(http);
                var key = $"account-chart|{master}|{name}|{LanguageChoice.Code(request.Language)}";
                var data = cache.GetOrAdd(state, scope, key, () => AccountCharts.Build(name, model(), request.Language)!);
                return format switch
                {
                    "png" => Results.File(cache.GetOrAdd(state, scope, key + "|png", () => ChartRenderer.Png(data)), "image/png"),
                    "svg" => Results.Text(cache.GetOrAdd(state, scope, key + "|svg", () => ChartRenderer.Svg(data)), "image/svg+xml"),
                    _ => Results.Json(data, ChartEndpoints.Json),
                };
            });
        }).ExcludeFromDescription();

        app.MapPost("/api/accounts/{accountId}/whatif", WhatIfAsync)
            .WithTags("Accounts")
            .Accepts<WhatIfBody>("application/json").Produces<WhatIfAnswer>().Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("Re-scores the account's churn probability with changed actionable features: {\"changes\":{\"sla_breaches_90d\":0}}.");
    }

    /// <summary>Parses the page parameters, finds the visible company, and hands over its model (loaded once per data state).</summary>
    private static IResult WithAccount(string accountId, HttpContext http, WarehouseDatabase database, ReportCache cache,
        Func<ChartRequest, DataState, string, Func<AccountModel>, IResult> answer)
    {
        var (request, error) = ChartRequest.Parse(http.Request);
        if (request is null)
        {
            return Results.BadRequest(new ApiError(error!));
        }

        var scope = AccessScope.Of(http);
        using var connection = database.Connect();
        var state = ReportQueries.State(connection);
        if (AccountQueries.Master(connection, accountId, scope.AccountFilter) is not { } master)
        {
            return Results.NotFound(new ApiError($"There is no account '{accountId}' you may see."));
        }

        return answer(request, state, master, () => cache.GetOrAdd(state, scope, $"account|{master}", () => AccountQueries.Load(connection, master, scope.AccountFilter)));
    }

    private static async Task<IResult> WhatIfAsync(string accountId, HttpRequest request, HttpContext http, WarehouseDatabase database, WhatIf whatIf)
    {
        var (changes, error) = await WhatIfBody.ReadAsync(request);
        if (changes is null)
        {
            return Results.BadRequest(new ApiError(error!));
        }

        if (WhatIf.Refusal(changes) is { } refusal)
        {
            return Results.BadRequest(new ApiError(refusal));
        }

        using var connection = database.Connect();
        if (AccountQueries.Master(connection, accountId, AccessScope.Of(http).AccountFilter) is null)
        {
            return Results.NotFound(new ApiError($"There is no account '{accountId}' you may see."));
        }

        try
        {
            return whatIf.Score(connection, accountId, changes) is { } answer
                ? Results.Ok(answer)
                : Results.NotFound(new ApiError($"The account '{accountId}' has no churn score in the latest scoring pass (it never ordered, has churned, or no pass has run)."));
        }
        catch (WarehouseException e)
        {
            return Results.BadRequest(new ApiError(e.Message));
        }
    }
}
