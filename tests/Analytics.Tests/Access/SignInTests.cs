using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Analytics.ReportApi.Access;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Access;

/// <summary>The other ways a key arrives: the dashboard's sign-in cookie and Basic (Excel, Power BI); and a revoked key.</summary>
public sealed class SignInTests : ServedWarehouse
{
    private long _managerKeyId;

    protected override void Prepare()
    {
        using (var connection = Warehouse.Connect())
        {
            _managerKeyId = ApiKeyStore.Store(connection, Roles.Manager, null, "manager", "sign-in-test-manager-key").KeyId;
            ApiKeyStore.Store(connection, Roles.Analyst, null, "analyst", "sign-in-test-analyst-key");
        }
    }

    [Fact]
    public async Task A_browser_without_a_key_gets_the_form_with_401_and_after_signing_in_a_cookie_carries_a_session()
    {
        var client = Server.Client();
        using (var page = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/campaigns", UriKind.Relative)))
        {
            page.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
            using var unauthorized = await client.SendAsync(page);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
            Assert.Contains("<form method=\"post\" action=\"/signin\">", await unauthorized.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var wrong = await client.PostAsync(new Uri("/signin", UriKind.Relative), Form("not-a-key", "/api/campaigns"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("That key is not valid.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var signedIn = await client.PostAsync(new Uri("/signin", UriKind.Relative), Form("sign-in-test-manager-key", "/api/campaigns"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/api/campaigns", signedIn.Headers.Location?.OriginalString);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single();
        // The cookie carries a session token, never the key; the warehouse keeps only the token's hash.
        Assert.StartsWith("analytics_session=", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("sign-in-test-manager-key", cookie, StringComparison.Ordinal);
        var token = cookie.Split(';')[0]["analytics_session=".Length..];
        Assert.Equal(43, token.Length);
        Assert.Equal(1L, Warehouse.Scalar<long>(
            "select count(*) from access.sessions where session_hash = $1 and key_id = $2 and expires_at > now() + interval 29 days",
            ApiKeyStore.Hash(token), _managerKeyId));
        Assert.Equal(0L, Warehouse.Scalar<long>("select count(*) from access.sessions where session_hash = $1 or session_hash = $2",
            token, "sign-in-test-manager-key"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/campaigns", UriKind.Relative));
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var answer = await client.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        // Only a path of this site is a place to return to.
        using var away = await client.PostAsync(new Uri("/signin", UriKind.Relative), Form("sign-in-test-manager-key", "//evil.example/x"));
        Assert.Equal("/", away.Headers.Location?.OriginalString);

        // Revoking the key signs the person out at the next request.
        using (var connection = Warehouse.Connect())
        {
            ApiKeyStore.Revoke(connection, _managerKeyId);
        }

        using var revoked = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/campaigns", UriKind.Relative));
        revoked.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var refused = await client.SendAsync(revoked);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_so_a_copy_of_the_cookie_no_longer_works()
    {
        var client = Server.Client();
        using var signedIn = await client.PostAsync(new Uri("/signin", UriKind.Relative), Form("sign-in-test-analyst-key", "/api/campaigns"));
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        using (var before = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/campaigns", UriKind.Relative)))
        {
            before.Headers.Add("Cookie", cookie);
            using var answer = await client.SendAsync(before);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        using (var signOut = new HttpRequestMessage(HttpMethod.Post, new Uri("/signout", UriKind.Relative)))
        {
            signOut.Headers.Add("Cookie", cookie);
            using var answer = await client.SendAsync(signOut);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        }

        using var after = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/campaigns", UriKind.Relative));
        after.Headers.Add("Cookie", cookie);
        using var refused = await client.SendAsync(after);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("This sign-in has ended; sign in again.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Sessions long over go at the next sign-in; this one ended just now and stays (a record of the sign-out).
        using (var connection = Warehouse.Connect())
        {
            connection.Execute("insert into access.sessions values ('old', $1, now() - interval 60 days, now() - interval 30 days, null)", _managerKeyId);
        }

        using var again = await client.PostAsync(new Uri("/signin", UriKind.Relative), Form("sign-in-test-analyst-key", "/"));
        Assert.Equal(0L, Warehouse.Scalar<long>("select count(*) from access.sessions where session_hash = 'old'"));
        Assert.Equal(1L, Warehouse.Scalar<long>("select count(*) from access.sessions where ended_at is not null"));

        // A key put in the cookie by hand is no session either.
        using var keyAsCookie = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/campaigns", UriKind.Relative));
        keyAsCookie.Headers.Add("Cookie", "analytics_session=sign-in-test-analyst-key");
        using var notASession = await client.SendAsync(keyAsCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, notASession.StatusCode);
    }

    [Fact]
    public async Task Excel_and_Power_BI_send_the_key_as_the_Basic_password_and_any_user_name()
    {
        var client = Server.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:sign-in-test-analyst-key")));
        using var campaigns = await client.GetAsync(new Uri("/api/campaigns", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, campaigns.StatusCode);
        using var targets = await client.GetAsync(new Uri("/api/targets", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, targets.StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "!!not base64");
        using var malformed = await client.GetAsync(new Uri("/api/campaigns", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, malformed.StatusCode);
        Assert.Contains("Basic realm=\"analytics\"", malformed.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        // A key in the URL is not accepted: it would end up in logs and browser history.
        using var inUrl = await Server.Client().GetAsync(new Uri("/api/campaigns?key=sign-in-test-analyst-key", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, inUrl.StatusCode);
    }

    private static FormUrlEncodedContent Form(string key, string returnTo) =>
        new(new Dictionary<string, string> { ["key"] = key, ["returnTo"] = returnTo });
}
