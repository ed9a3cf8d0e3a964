using Analytics.Warehouse;

namespace Analytics.ReportApi.Access;

/// <summary>
/// GET /signin shows the form; POST /signin checks the key once, starts a session and sets the HttpOnly,
/// SameSite=Strict cookie that carries the session's token (never the key) on later requests; the session's key is
/// checked on each, so revoking it signs the person out. POST /signout ends the session and removes the cookie.
/// </summary>
internal static class SignInEndpoints
{
    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", (string? returnTo) => Results.Content(SignInPage.Html(LocalPath(returnTo), null), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        app.MapPost("/signin", SignInAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost("/signout", (HttpContext context, WarehouseDatabase database) =>
        {
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
        if (!context.Request.HasFormContentType)
        {
            return Results.BadRequest(new ApiError("Post the sign-in form (a 'key' field)."));
        }

        var form = await context.Request.ReadFormAsync();
        var secret = form["key"].ToString().Trim();
        var returnTo = LocalPath(form["returnTo"].ToString());
        using var connection = database.Connect();
        var key = secret.Length > 0 ? ApiKeyStore.Find(connection, ApiKeyStore.Hash(secret)) : null;
        if (key is null || key.IsRevoked)
        {
            return Results.Content(SignInPage.Html(returnTo, "That key is not valid."), "text/html; charset=utf-8", null, StatusCodes.Status401Unauthorized);
        }

        KeyCredentials.SetCookie(context.Response, SessionStore.Start(connection, key.KeyId));
        return Results.Redirect(returnTo);
    }

    /// <summary>Only a path on this site: an open redirect would let a link send a person elsewhere after signing in.</summary>
    private static string LocalPath(string? returnTo) =>
        returnTo is { Length: > 0 } p && p[0] == '/' && !p.StartsWith("//", StringComparison.Ordinal) && !p.StartsWith("/\\", StringComparison.Ordinal) ? p : "/";
}
