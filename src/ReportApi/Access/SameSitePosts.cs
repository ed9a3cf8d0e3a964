namespace Analytics.ReportApi.Access;

/// <summary>
/// Refuses a sign-in or sign-out posted by a page of another site (login CSRF: a hidden form signing a victim in
/// under the attacker's key, so what the victim then does lands in the attacker's account). Browsers say where a
/// request comes from and pages cannot forge it: Sec-Fetch-Site (every current browser) decides when present, and
/// only 'same-origin' and 'none' (typed, a bookmark) pass; a browser without it sends Origin on every POST, which
/// must then be this site's own. A request with neither comes from no browser (curl, a script) and no other site
/// can have sent it, so it passes. Behind a proxy the Host header must reach the service unchanged for the Origin
/// comparison (older browsers only).
/// </summary>
internal static class SameSitePosts
{
    public const string Refusal = "This sign-in was posted from another site; sign in from this site's own /signin page.";

    public static bool IsFromAnotherSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is not ("same-origin" or "none");
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }
}
