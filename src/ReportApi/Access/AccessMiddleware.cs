using Analytics.Warehouse;

namespace Analytics.ReportApi.Access;

/// <summary>
/// Authenticates every request that is not open (<see cref="AccessPolicy"/>): no key or an unknown or revoked key
/// is 401, a key whose role may not use the path is 403. Otherwise it sets the request's <see cref="AccessScope"/>
/// feature, which every query for the request narrows by. The key (or the sign-in session, then its key) is looked up
/// on every request, never cached, so a revoked key stops working at its next request, in the dashboard too.
/// A refusal on an OData path is an OData error object, so OData clients (Excel, Power BI) show its message.
/// </summary>
internal sealed class AccessMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, WarehouseDatabase database, OperatorSecret operatorSecret)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        if (AccessPolicy.IsOpen(path, method))
        {
            await next(context);
            return;
        }

        if (AccessPolicy.IsOperatorPath(path) && operatorSecret.Matches(context.Request) && IsFromThisMachine(context))
        {
            context.Features.Set(AccessScope.Operator);
            await next(context);
            return;
        }

        var credentials = KeyCredentials.From(context.Request);
        if (credentials.IsNone || credentials.Key is "")
        {
            await Unauthorized(context, credentials.IsNone
                ? "Give an API key: 'Authorization: Bearer KEY' (or sign in at /signin)."
                : "The Authorization header is neither 'Bearer KEY' nor Basic with the key as password.");
            return;
        }

        ApiKey? key;
        using (var connection = database.Connect())
        {
            key = credentials.Key is { } secret ? ApiKeyStore.Find(connection, ApiKeyStore.Hash(secret)) : SessionStore.KeyOf(connection, credentials.Session!);
        }

        if (key is null || key.IsRevoked)
        {
            await Unauthorized(context, key is not null ? "This API key was revoked."
                : credentials.Key is null ? "This sign-in has ended; sign in again." : "This API key is not known.");
            return;
        }

        var scope = AccessScope.For(key);
        context.Features.Set(scope);
        if (!AccessPolicy.Allows(path, method, key.Role))
        {
            await Refuse(context, StatusCodes.Status403Forbidden, "Forbidden", $"The {key.Role} role may not {method} {path}.");
            return;
        }

        await next(context);
    }

    /// <summary>The operator's verbs are for this machine: a request from elsewhere is refused even with the secret.</summary>
    private static bool IsFromThisMachine(HttpContext context) =>
        context.Connection.RemoteIpAddress is not { } address || System.Net.IPAddress.IsLoopback(address);

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

        await Refuse(context, StatusCodes.Status401Unauthorized, "Unauthorized", message);
    }

    /// <summary>The refusal's body: OData's <c>{"error":{"code","message"}}</c> on OData paths, the service's <c>{"error"}</c> elsewhere.</summary>
    private static Task Refuse(HttpContext context, int status, string code, string message)
    {
        if (ODataError.IsODataPath(context.Request.Path.Value ?? "/"))
        {
            return ODataError.Write(context.Response, status, code, message);
        }

        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ApiError(message));
    }
}
