using System.Text;

namespace Analytics.ReportApi.Access;

/// <summary>
/// Where a request's API key comes from: <c>Authorization: Bearer KEY</c> (scripts, code), <c>Authorization:
/// Basic</c> with the key as the password (Excel and Power BI's OData feed "Basic" sign-in; the user name is
/// ignored), or the dashboard's sign-in cookie. Never the URL: a key in a query string ends up in logs and history.
/// </summary>
internal static class KeyCredentials
{
    public const string CookieName = "analytics_key";

    /// <summary>The key, null when the request brings none, or "" when it brings a malformed one.</summary>
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return header["Bearer ".Length..].Trim();
            }

            if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                return BasicPassword(header["Basic ".Length..].Trim());
            }

            return "";
        }

        return request.Cookies.TryGetValue(CookieName, out var cookie) && cookie.Length > 0 ? cookie : null;
    }

    /// <summary>The challenge a 401 carries, so Excel and browsers know to ask for a key.</summary>
    public static string Challenge => $"Bearer realm=\"analytics\", Basic realm=\"analytics\", charset=\"UTF-8\"";

    public static void SetCookie(HttpResponse response, string key) =>
        response.Cookies.Append(CookieName, key, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
            MaxAge = TimeSpan.FromDays(30),
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
