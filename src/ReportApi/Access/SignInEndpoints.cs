using Analytics.Warehouse;

namespace Analytics.ReportApi.Access;

/// <summary>
/// GET /signin shows the form; POST /signin checks the key once, starts a session and sets the HttpOnly,
/// SameSite=Strict cookie that carries the session's token (never the key) on later requests; the session's key is
/// checked on each, so revoking it signs the person out. POST /signout ends the session and removes the cookie.
/// Both posts are refused (403) when another site's page sent them (<see cref="SameSitePosts"/>).
/// </summary>
internal static class SignInEndpoints
{
    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", (string? returnTo) => Results.Content(SignInPage.Html(returnTo, null), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        app.MapPost("/signin", SignInAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost("/signout", (HttpContext context, WarehouseDatabase database) =>
        {
            if (SameSitePosts.IsFromAnotherSite(context.Request))
            {
                return Results.Json(new ApiError(SameSitePosts.Refusal), statusCode: StatusCodes.Status403Forbidden);
            }

            if (KeyCredentials.Session(context.Request) is { } token)
            {
                using var connection = database.Connect();
                SessionStore.End(connection, token);
            }

            KeyCredentials.ClearCookie(context.Response);
            return Results.Redirect("/signin", permanent: false, preserveMethod: false);
        }).ExcludeFromDescription().DisableAntiforgery();
    }

    private static async Task<IResult> SignInAsync(HttpContext context, WarehouseDatabase database)
    {
        if (SameSitePosts.IsFromAnotherSite(context.Request))
        {
            return Results.Json(new ApiError(SameSitePosts.Refusal), statusCode: StatusCodes.Status403Forbidden);
        }

        if (!context.Request.HasFormContentType)
        {
            return Results.BadRequest(new ApiError("Post the sign-in form (a 'key' field)."));
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException e)
        {
            // A NUL in a value, a form over the size limits: the client's mistake, not the service's failure.
            return Results.BadRequest(new ApiError($"The sign-in form could not be read ({e.Message})."));
        }

        var secret = form["key"].ToString().Trim();
        var returnTo = ReturnPath.Clean(form["returnTo"].ToString());
        using var connection = database.Connect();
        var key = secret.Length > 0 ? ApiKeyStore.Find(connection, ApiKeyStore.Hash(secret)) : null;
        if (key is null || key.IsRevoked)
        {
            return Results.Content(SignInPage.Html(returnTo, "That key is not valid."), "text/html; charset=utf-8", null, StatusCodes.Status401Unauthorized);
        }

        KeyCredentials.SetCookie(context.Response, SessionStore.Start(connection, key.KeyId));
        return Results.Redirect(returnTo);
    }
}
