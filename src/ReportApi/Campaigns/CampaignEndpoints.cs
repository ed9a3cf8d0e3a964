using Analytics.ReportApi.Access;
using Analytics.Warehouse;

namespace Analytics.ReportApi.Campaigns;

/// <summary>
/// /api/targets (saved rules and previews) and /api/campaigns (frozen lists, their exports and outcome). Every
/// read runs inside the caller's access scope: their regions only, contact fields as their role and consent allow.
/// </summary>
internal static class CampaignEndpoints
{
    public static void MapCampaigns(this IEndpointRouteBuilder app)
    {
        var targets = app.MapGroup("/api/targets").WithTags("Targets").AddEndpointFilter(BadInputFilter);
        targets.MapGet("/", (WarehouseDatabase db) => Use(db, c => TypedResults.Ok(CampaignStore.Targets(c))))
            .WithSummary("Saved target rules.");
        targets.MapPost("/", SaveTargetAsync)
            .Accepts<TargetBody>("application/json").Produces<Target>(StatusCodes.Status201Created).Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary("Saves a named rule: {\"name\":..., \"rule\":{\"tiers\":[\"A\"],\"churnRiskRising\":true,\"cancelByWithinDays\":90}}.");
        targets.MapGet("/{id:long}", (long id, WarehouseDatabase db) => Use(db, c =>
                CampaignStore.Target(c, id) is { } t ? Results.Ok(t) : NotFound($"There is no target {id}.")))
            .Produces<Target>().Produces<ApiError>(StatusCodes.Status404NotFound).WithSummary("One saved rule.");
        targets.MapPost("/preview", PreviewRuleAsync)
            .Accepts<TargetRule>("application/json").Produces<TargetPreview>().Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary("What a rule (the body) targets today: members, value at stake, the 20 largest.");
        targets.MapGet("/{id:long}/preview", (long id, HttpContext http, WarehouseDatabase db) => Use(db, c =>
                CampaignStore.Target(c, id) is { } t ? Results.Ok(Preview(c, t.Rule, http)) : NotFound($"There is no target {id}.")))
            .Produces<TargetPreview>().Produces<ApiError>(StatusCodes.Status404NotFound).WithSummary("What a saved rule targets today.");

        var campaigns = app.MapGroup("/api/campaigns").WithTags("Campaigns").AddEndpointFilter(BadInputFilter);
        campaigns.MapGet("/", (HttpContext http, WarehouseDatabase db) => Use(db, c =>
                TypedResults.Ok(CampaignStore.Campaigns(c, AccessScope.Of(http).AccountFilter("m.account_id")))))
            .WithSummary("Campaigns, with the members the caller may see counted.");
        campaigns.MapPost("/", FreezeAsync)
            .Accepts<CampaignBody>("application/json").Produces<Campaign>(StatusCodes.Status201Created).Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary("Freezes a target (targetId) or a rule into a campaign list as of today (or frozenOn, a past day), holding out controlFraction as control.");
        campaigns.MapGet("/{id:long}", (long id, HttpContext http, WarehouseDatabase db) => Use(db, c =>
                CampaignStore.Campaign(c, id, AccessScope.Of(http).AccountFilter("m.account_id")) is { } campaign
                    ? Results.Ok(campaign) : NotFound($"There is no campaign {id}.")))
            .Produces<Campaign>().Produces<ApiError>(StatusCodes.Status404NotFound).WithSummary("One campaign.");
        campaigns.MapGet("/{id:long}/members", (long id, HttpContext http, WarehouseDatabase db) => Members(db, http, id, m => Results.Ok(m)))
            .Produces<IReadOnlyList<CampaignMember>>().Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("The list: targeted first, then control; contact fields as the caller's role and consent allow.");
        campaigns.MapGet("/{id:long}/members.csv", (long id, HttpContext http, WarehouseDatabase db) => Members(db, http, id, m =>
                Results.File(CampaignExport.Csv(m, AccessScope.Of(http).Contacts), "text/csv; charset=utf-8", $"campaign-{id}.csv")))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").WithSummary("The list as CSV (UTF-8 with BOM).");
        campaigns.MapGet("/{id:long}/members.xlsx", (long id, HttpContext http, WarehouseDatabase db) => Members(db, http, id, m =>
                Results.File(CampaignExport.Xlsx(m, AccessScope.Of(http).Contacts, $"campaign {id}"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"campaign-{id}.xlsx")))
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .WithSummary("The list as an Excel workbook.");
        campaigns.MapGet("/{id:long}/outcome", (long id, HttpContext http, WarehouseDatabase db) => Use(db, c =>
                Exists(c, id) ? Results.Ok(CampaignStore.Outcome(c, id, AccessScope.Of(http).AccountFilter("m.account_id")))
                    : NotFound($"There is no campaign {id}.")))
            .Produces<CampaignOutcome>().Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("Orders, revenue and churn of targeted against control members since the campaign was frozen.");
    }

    private static async Task<IResult> SaveTargetAsync(HttpRequest request, HttpContext http, WarehouseDatabase db)
    {
        var body = await RequestBody.ReadAsync<TargetBody>(request);
        var rule = body.Rule is { } r ? TargetRule.Parse(r.GetRawText()) : throw new WarehouseException("Give the target's rule.");
        return Use(db, c =>
        {
            var target = CampaignStore.SaveTarget(c, body.Name ?? "", rule, AccessScope.Of(http).KeyName, AccessScope.Of(http).AccountFilter("account_id"));
            return Results.Created($"/api/targets/{target.TargetId}", target);
        });
    }

    private static async Task<IResult> PreviewRuleAsync(HttpRequest request, HttpContext http, WarehouseDatabase db)
    {
        var rule = TargetRule.Parse(await RequestBody.ReadTextAsync(request));
        return Use(db, c => Results.Ok(Preview(c, rule, http)));
    }

    private static async Task<IResult> FreezeAsync(HttpRequest request, HttpContext http, WarehouseDatabase db)
    {
        var body = await RequestBody.ReadAsync<CampaignBody>(request);
        var scope = AccessScope.Of(http);
        return Use(db, c =>
        {
            var rule = (body.TargetId, body.Rule) switch
            {
                ({ } targetId, null) => CampaignStore.Target(c, targetId)?.Rule ?? throw new WarehouseException($"There is no target {targetId}."),
                (null, { } r) => TargetRule.Parse(r.GetRawText()),
                _ => throw new WarehouseException("Give either targetId or rule."),
            };
            var freeze = new CampaignRequest(body.Name ?? "", body.TargetId, rule, body.ControlFraction ?? 0, body.Seed ?? 1, scope.KeyName, body.FrozenOn,
                body.ControlAccountIds);
            var id = CampaignStore.Freeze(c, freeze, scope.AccountFilter("account_id"), scope.Regions);
            return Results.Created($"/api/campaigns/{id}", CampaignStore.Campaign(c, id, scope.AccountFilter("m.account_id")));
        });
    }

    private static TargetPreview Preview(DuckDB.NET.Data.DuckDBConnection connection, TargetRule rule, HttpContext http)
    {
        var scope = AccessScope.Of(http);
        return CampaignStore.Preview(connection, rule, scope.AccountFilter("account_id"), scope.Contacts);
    }

    private static IResult Members(WarehouseDatabase db, HttpContext http, long id, Func<IReadOnlyList<CampaignMember>, IResult> answer) =>
        Use(db, c =>
        {
            if (!Exists(c, id))
            {
                return NotFound($"There is no campaign {id}.");
            }

            var scope = AccessScope.Of(http);
            return answer(CampaignStore.Members(c, id, scope.AccountFilter("m.account_id"), scope.Contacts));
        });

    private static bool Exists(DuckDB.NET.Data.DuckDBConnection connection, long id) =>
        connection.Scalar<long>("select count(*) from campaigns.campaigns where campaign_id = $1", id) == 1;

    private static T Use<T>(WarehouseDatabase db, Func<DuckDB.NET.Data.DuckDBConnection, T> query)
    {
        using var connection = db.Connect();
        return query(connection);
    }

    private static IResult NotFound(string message) => Results.NotFound(new ApiError(message));

    /// <summary>Bad input (a rule that is not one, an unknown target) is a 400 with a sentence, never a 500.</summary>
    private static async ValueTask<object?> BadInputFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (WarehouseException e)
        {
            return Results.BadRequest(new ApiError(e.Message));
        }
    }
}
