using Analytics.Warehouse;
using Analytics.Warehouse.Access;

namespace Analytics.ReportApi.Access;

/// <summary>
/// Authenticates every request that is not open (<see cref="AccessPolicy"/>): no key or an unknown or revoked key
/// is 401, a key whose role may not use the path is 403. Otherwise it sets the request's <see cref="AccessScope"/>
/// feature, which every query for the request narrows by. The key is looked up on every request, so a revoked key
/// stops working at once.
/// </summary>
internal sealed class AccessMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, WarehouseDatabase database)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        if (AccessPolicy.IsOpen(path, method))
        {
            await next(context);
            return;
        }

        var secret = KeyCredentials.From(context.Request);
        if (string.IsNullOrEmpty(secret))
        {
            await Unauthorized(context, secret is null
                ? "Give an API key: 'Authorization: Bearer KEY' (or sign in at /signin)."
                : "The Authorization header is neither 'Bearer KEY' nor Basic with the key as password.");
            return;
        }

        ApiKey? key;
        using (var connection = database.Connect())
        {
            key = ApiKeyStore.Find(connection, ApiKeyStore.Hash(secret));
        }

        if (key is null || key.IsRevoked)
        {
            await Unauthorized(context, key is null ? "This API key is not known." : "This API key was revoked.");
            return;
        }

        var scope = AccessScope.For(key);
        context.Features.Set(scope);
        if (!AccessPolicy.Allows(path, method, key.Role))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new ApiError($"The {key.Role} role may not {method} {path}."));
            return;
        }

        await next(context);
    }

    private static async Task Unauthorized(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers[KeyCredentials.HeaderName] = KeyCredentials.Challenge;
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
        {
            // A person in a browser gets the sign-in form, still with the 401 the contract promises.
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(SignInPage.Html(context.Request.Path + context.Request.QueryString, message));
            return;
        }

        await context.Response.WriteAsJsonAsync(new ApiError(message));
    }
}
