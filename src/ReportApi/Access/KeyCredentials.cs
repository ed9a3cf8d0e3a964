using System.Text;

namespace Analytics.ReportApi.Access;

/// <summary>What a request brings to be known by: an API key, or the dashboard's sign-in session.</summary>
/// <param name="Key">the key, "" when the Authorization header is malformed; null when there is none.</param>
/// <param name="Session">the sign-in cookie's session token, when the request has no Authorization header.</param>
internal sealed record Credentials(string? Key, string? Session)
{
    public bool IsNone => Key is null && Session is null;
}

/// <summary>
/// Where a request's credentials come from: <c>Authorization: Bearer KEY</c> (scripts, code), <c>Authorization:
/// Basic</c> with the key as the password (Excel and Power BI's OData feed "Basic" sign-in; the user name is
/// ignored), or the dashboard's sign-in cookie, which holds a session token (see SessionStore), never the key.
/// Never the URL: a key in a query string ends up in logs and history.
/// </summary>
internal static class KeyCredentials
{
    public const string CookieName = "analytics_session";

    public static Credentials From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return new Credentials(header["Bearer ".Length..].Trim(), null);
            }

            if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                return new Credentials(BasicPassword(header["Basic ".Length..].Trim()), null);
            }

            return new Credentials("", null);
        }

        return new Credentials(null, Session(request));
    }

    /// <summary>The sign-in cookie's session token, or null.</summary>
    public static string? Session(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var cookie) && cookie.Length > 0 ? cookie : null;

    /// <summary>The challenge a 401 carries, so Excel and browsers know to ask for a key.</summary>
    public static string Challenge => $"Bearer realm=\"analytics\", Basic realm=\"analytics\", charset=\"UTF-8\"";

    public static void SetCookie(HttpResponse response, string sessionToken) =>
        response.Cookies.Append(CookieName, sessionToken, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
            MaxAge = SessionStore.Lifetime,
        });

    public static void ClearCookie(HttpResponse response) => response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });

    private static string BasicPassword(string encoded)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? "" : text[(colon + 1)..];
        }
        catch (FormatException)
        {
            return "";
        }
    }

    internal static readonly string HeaderName = Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate;
}
