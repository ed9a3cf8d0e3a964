using Analytics.Warehouse;
using Analytics.Warehouse.Access;

namespace Analytics.ReportApi.Access;

/// <summary>
/// GET /signin shows the form; POST /signin checks the key once and sets the HttpOnly, SameSite=Strict cookie
/// that carries it on later requests (the key is checked on each, so revoking it signs the person out);
/// POST /signout removes the cookie.
/// </summary>
internal static class SignInEndpoints
{
    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", (string? returnTo) => Results.Content(SignInPage.Html(LocalPath(returnTo), null), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        app.MapPost("/signin", SignInAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost("/signout", (HttpContext context) =>
        {
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
        ApiKey? key = null;
        if (secret.Length > 0)
        {
            using var connection = database.Connect();
            key = ApiKeyStore.Find(connection, ApiKeyStore.Hash(secret));
        }

        if (key is null || key.IsRevoked)
        {
            return Results.Content(SignInPage.Html(returnTo, "That key is not valid."), "text/html; charset=utf-8", null, StatusCodes.Status401Unauthorized);
        }

        KeyCredentials.SetCookie(context.Response, secret);
        return Results.Redirect(returnTo);
    }

    /// <summary>Only a path on this site: an open redirect would let a link send a person elsewhere after signing in.</summary>
    private static string LocalPath(string? returnTo) =>
        returnTo is { Length: > 0 } p && p[0] == '/' && !p.StartsWith("//", StringComparison.Ordinal) && !p.StartsWith("/\\", StringComparison.Ordinal) ? p : "/";
}
