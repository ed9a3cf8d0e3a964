using System.Security.Cryptography;
using System.Text;

namespace Analytics.ReportApi.Access;

/// <summary>
/// Headers that keep the HTML pages (dashboard, sign-in) from being framed (clickjacking) or made to run a script
/// that is not theirs: a Content-Security-Policy that loads nothing but this site's images and charts (SVG in
/// &lt;object&gt;, which Chromium loads as a frame, so their links work) and allows the pages'
/// own inline style sheets and inline handlers by their SHA-256, nothing else inline. Every answer is marked
/// nosniff (a JSON or CSV body is never run as a page) and sends its URL to no other site as a referrer.
/// </summary>
internal sealed class PageHeaders(RequestDelegate next, string contentSecurityPolicy)
{
    public Task InvokeAsync(HttpContext context)
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                headers.ContentSecurityPolicy = contentSecurityPolicy;
                headers.XFrameOptions = "DENY";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>
    /// The policy for pages whose inline &lt;style&gt; contents are <paramref name="styles"/> and whose inline event
    /// handlers are <paramref name="handlers"/> ('unsafe-hashes' lets a handler run only when its text hashes to one
    /// named here; a browser without it still submits the filters with their button).
    /// </summary>
    public static string Policy(IEnumerable<string> styles, IEnumerable<string> handlers) =>
        "default-src 'none'; img-src 'self' data:; object-src 'self'; frame-src 'self'; "
        + $"style-src {string.Join(' ', Hashes(styles))}; "
        + $"script-src 'unsafe-hashes' {string.Join(' ', Hashes(handlers))}; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static IEnumerable<string> Hashes(IEnumerable<string> sources) =>
        sources.Select(s => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s)))}'")
            .Distinct().Order(StringComparer.Ordinal);
}
