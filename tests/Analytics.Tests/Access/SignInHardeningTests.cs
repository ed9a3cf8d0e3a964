using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Analytics.ReportApi.Access;
using Analytics.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Analytics.Tests.Access;

/// <summary>
/// The sign-in page against an attacker: where it sends a browser afterwards, who may post it (login CSRF), the
/// headers that keep its pages out of frames and scripts, and the Secure cookie behind a TLS proxy.
/// </summary>
public sealed partial class SignInHardeningTests : ServedWarehouse
{
    private const string ManagerKey = "sign-in-hardening-manager-key";

    protected override void Prepare()
    {
        using (var connection = Warehouse.Connect())
        {
            ApiKeyStore.Store(connection, Roles.Manager, null, "manager", ManagerKey);
        }

        // The dashboard reads the marts: built once, on no data.
        Warehouse.RefreshMarts();
    }

    /// <summary>Places a browser would leave the site for, or that are no plain path: each sends it to '/' instead.</summary>
    public static TheoryData<string> HostileReturns() =>
    [
        "/\t/evil.com", "/\r\n/evil.com", "/\n/evil.com", "\t//evil.com", "/\\evil.com", "\\\\evil.com", "/x\\y",
        "//evil.com", "///evil.com", "/%09/evil.com", "/%2F/evil.com", "/%5Cevil.com", "/%0d%0a/evil.com", "/%252F/evil.com",
        "https://evil.com", "http:evil.com", "javascript:alert(1)", "evil.com", " /x", "/x\u0001", "", "%2F%2Fevil.com",
    ];

    [Theory]
    [MemberData(nameof(HostileReturns))]
    public async Task A_return_place_that_is_not_a_plain_local_path_sends_the_browser_home(string returnTo)
    {
        using var signedIn = await Server.Client().PostAsync(new Uri("/signin", UriKind.Relative), Form(ManagerKey, returnTo));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);

        // The form carries the cleaned place too, so a crafted link does not survive a wrong key and a second try.
        var form = await Server.Client().GetStringAsync(new Uri("/signin?returnTo=" + Uri.EscapeDataString(returnTo), UriKind.Relative));
        Assert.Contains("<input type=\"hidden\" name=\"returnTo\" value=\"/\">", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_the_framework_cannot_read_is_a_400_not_a_500()
    {
        // ASP.NET Core refuses to decode a NUL in a form value.
        using var posted = await Server.Client().PostAsync(new Uri("/signin", UriKind.Relative), Form(ManagerKey, "/x\u0000"));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal("""{"error":"The sign-in form could not be read (The form value contains invalid characters.)."}""",
            JsonText.Of(await posted.Content.ReadAsStringAsync()));
        Assert.Equal(0L, Warehouse.Scalar<long>("select count(*) from access.sessions"));

        var form = await Server.Client().GetStringAsync(new Uri("/signin?returnTo=%2Fx%00", UriKind.Relative));
        Assert.Contains("<input type=\"hidden\" name=\"returnTo\" value=\"/\">", form, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/api/campaigns?x=1&y=%2F", "/api/campaigns?x=1&y=%2F")]
    [InlineData("/?region=%E5%8D%8E%E4%B8%9C&lang=zh", "/?region=%E5%8D%8E%E4%B8%9C&lang=zh")]
    // Posted undecoded (a form holds what the page gave it): the header can only carry ASCII, so it is escaped.
    [InlineData("/?region=华东", "/?region=%E5%8D%8E%E4%B8%9C")]
    public async Task A_plain_local_path_is_where_the_browser_returns(string returnTo, string location)
    {
        using var signedIn = await Server.Client().PostAsync(new Uri("/signin", UriKind.Relative), Form(ManagerKey, returnTo));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(location, signedIn.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "http://localhost:8080")]
    public async Task A_sign_in_posted_from_another_site_signs_nobody_in(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/signin", UriKind.Relative)) { Content = Form(ManagerKey, "/") };
        request.Headers.Add(header, value);
        using var response = await Server.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(
            """{"error":"This sign-in was posted from another site; sign in from this site's own /signin page."}""",
            JsonText.Of(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0L, Warehouse.Scalar<long>("select count(*) from access.sessions"));
    }

    [Fact]
    public async Task A_sign_out_posted_from_another_site_ends_no_session()
    {
        using var signedIn = await Server.Client().PostAsync(new Uri("/signin", UriKind.Relative), Form(ManagerKey, "/"));
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/signout", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var response = await Server.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0L, Warehouse.Scalar<long>("select count(*) from access.sessions where ended_at is not null"));
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin", "Origin", "http://localhost")]
    [InlineData("Sec-Fetch-Site", "none", null, null)]
    [InlineData("Origin", "http://localhost", null, null)]
    [InlineData("Origin", "HTTP://LOCALHOST", null, null)]
    // A client that is no browser (curl, a script) sends neither header: no page of another site can have sent it.
    [InlineData(null, null, null, null)]
    public async Task A_sign_in_posted_from_this_site_or_by_a_client_that_is_no_browser_works(string? header, string? value, string? header2, string? value2)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/signin", UriKind.Relative)) { Content = Form(ManagerKey, "/") };
        if (header is not null)
        {
            request.Headers.Add(header, value);
        }

        if (header2 is not null)
        {
            request.Headers.Add(header2, value2);
        }

        using var response = await Server.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("analytics_session=", response.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_may_not_be_framed_and_runs_only_its_own_style_and_filter_handlers()
    {
        var pages = new (string Path, string? Key, HttpStatusCode Status)[]
        {
            ("/signin", null, HttpStatusCode.OK), ("/api/campaigns", null, HttpStatusCode.Unauthorized), ("/", ManagerKey, HttpStatusCode.OK),
        };
        var answers = new List<(string Html, HttpResponseMessage Response)>();
        foreach (var (path, key, status) in pages)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
            var response = await Server.Client(key).SendAsync(request);
            Assert.Equal(status, response.StatusCode);
            answers.Add((await response.Content.ReadAsStringAsync(), response));
        }

        // One policy for every page: the inline styles of the pages by hash, the dashboard's filter handler by hash, no frames.
        var styles = answers.SelectMany(a => StyleElement().Matches(a.Html)).Select(m => $"'sha256-{Hash(m.Groups[1].Value)}'")
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, styles.Count);
        Assert.Contains("onchange=\"this.form.submit()\"", answers[2].Html, StringComparison.Ordinal);
        var policy = $"default-src 'none'; img-src 'self' data:; object-src 'self'; frame-src 'self'; style-src {string.Join(' ', styles)}; "
            + $"script-src 'unsafe-hashes' 'sha256-{Hash("this.form.submit()")}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        foreach (var (_, response) in answers)
        {
            using (response)
            {
                Assert.Equal(policy, Header(response, "Content-Security-Policy"));
                Assert.Equal("DENY", Header(response, "X-Frame-Options"));
                Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
                Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
            }
        }

        // JSON answers are never sniffed as something else either, and carry no page policy.
        using var json = await Server.Client(ManagerKey).GetAsync(new Uri("/api/campaigns", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(("nosniff", ""), (Header(json, "X-Content-Type-Options"), Header(json, "Content-Security-Policy")));
    }

    [Fact]
    public async Task The_cookie_is_Secure_when_a_TLS_proxy_on_this_machine_says_the_request_came_over_https()
    {
        // In memory the test host gives no client address, as a proxy on this machine would be trusted.
        using var viaProxy = new HttpRequestMessage(HttpMethod.Post, new Uri("/signin", UriKind.Relative)) { Content = Form(ManagerKey, "/") };
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        using var secure = await Server.Client().SendAsync(viaProxy);
        Assert.Equal(HttpStatusCode.Redirect, secure.StatusCode);
        Assert.Contains("; secure", secure.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);

        using var plain = await Server.Client().PostAsync(new Uri("/signin", UriKind.Relative), Form(ManagerKey, "/"));
        Assert.DoesNotContain("secure", plain.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);

        // From loopback the header counts; from any other address it is anyone's word, and is ignored.
        Assert.Contains("; secure", await SignInFrom(IPAddress.Loopback), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await SignInFrom(IPAddress.Parse("203.0.113.7")), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Signs in from <paramref name="client"/> with 'X-Forwarded-Proto: https'; the cookie set.</summary>
    private async Task<string> SignInFrom(IPAddress client)
    {
        var body = Encoding.UTF8.GetBytes($"key={ManagerKey}&returnTo=%2F");
        var context = await Server.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = client;
            c.Request.Method = "POST";
            c.Request.Path = "/signin";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.ContentType = "application/x-www-form-urlencoded";
            c.Request.Body = new MemoryStream(body);
            c.Request.ContentLength = body.Length;
        });
        Assert.Equal(StatusCodes.Status302Found, context.Response.StatusCode);
        return context.Response.Headers.SetCookie.ToString();
    }

    private static string Hash(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : "";

    private static FormUrlEncodedContent Form(string key, string returnTo) =>
        new(new Dictionary<string, string> { ["key"] = key, ["returnTo"] = returnTo });

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();
}
