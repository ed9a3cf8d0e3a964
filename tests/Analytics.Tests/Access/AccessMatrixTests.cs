using System.Net;
using System.Text;
using Analytics.ReportApi.Access;
using Analytics.Tests.Campaigns;

namespace Analytics.Tests.Access;

/// <summary>
/// Every role against every endpoint family: 401 without a valid key, 403 for a role that may not, and through
/// for one that may, with the status the endpoint answers. "Through" (any status but 401, 403 and 5xx) is kept
/// for paths no endpoint serves yet (/exports, a new path), where only the access check can be judged.
/// </summary>
[Collection(CampaignCompanyReaders.Name)]
public sealed class AccessMatrixTests(CampaignCompany company)
{
    /// <summary>Any answer but 401, 403 and 5xx: the request got past the access check.</summary>
    private const int Through = 0;

    private static readonly Dictionary<string, string?> Keys = new()
    {
        ["nobody"] = null,
        ["unknown"] = "no-such-key",
        ["revoked"] = CampaignCompany.RevokedKey,
        ["admin"] = DemoKeys.Admin,
        ["manager"] = DemoKeys.Manager,
        ["manager-east"] = DemoKeys.ManagerEast,
        ["analyst"] = DemoKeys.Analyst,
        ["marketing"] = DemoKeys.Marketing,
        ["marketing-east"] = CampaignCompany.MarketingEastKey,
    };

    private static readonly string[] Unauthenticated = ["nobody", "unknown", "revoked"];

    /// <summary>method, path ({id}: a frozen campaign), body, the status per key (those not named: 403; unauthenticated: 401).</summary>
    private static readonly (string Method, string Path, string? Body, Dictionary<string, int> Allowed)[] Endpoints =
    [
        ("GET", "/health", null, Everyone(200, withoutKey: true)),
        ("GET", "/favicon.ico", null, Everyone(200, withoutKey: true)),
        ("GET", "/dashboard", null, Roles(302, "admin", "manager", "manager-east")),
        ("GET", "/api/keys", null, Roles(200, "admin")),
        ("POST", "/api/keys", """{"role":"analyst","name":"matrix"}""", Roles(201, "admin")),
        ("DELETE", "/api/keys/999999", null, Roles(404, "admin")),
        ("GET", "/api/targets", null, Roles(200, "admin", "marketing", "marketing-east")),
        ("POST", "/api/targets", """{"name":"matrix","rule":{"tiers":["A"]}}""", Roles(201, "admin", "marketing", "marketing-east")),
        ("POST", "/api/targets/preview", """{"tiers":["A"]}""", Roles(200, "admin", "marketing", "marketing-east")),
        ("POST", "/api/campaigns", """{"name":"matrix","rule":{"tiers":["A"]}}""", Roles(201, "admin", "marketing", "marketing-east")),
        ("GET", "/api/campaigns", null, Everyone(200)),
        ("GET", "/api/campaigns/{id}", null, Everyone(200)),
        ("GET", "/api/campaigns/{id}/members", null, Everyone(200)),
        ("GET", "/api/campaigns/{id}/members.csv", null, Everyone(200)),
        ("GET", "/api/campaigns/{id}/members.xlsx", null, Everyone(200)),
        ("GET", "/api/campaigns/{id}/outcome", null, Everyone(200)),
        ("GET", "/api/campaigns/999999", null, Everyone(404)),
        ("GET", "/openapi/v1.json", null, Everyone(200)),
        ("GET", "/", null, Roles(200, "admin", "manager", "manager-east", "marketing", "marketing-east")),
        ("GET", "/charts/revenue-by-month.png", null, Roles(200, "admin", "manager", "manager-east")),
        ("GET", "/CHARTS/pareto.svg", null, Roles(200, "admin", "manager", "manager-east")),
        ("GET", "/odata/Accounts", null, Roles(200, "admin", "manager", "manager-east", "analyst")),
        ("GET", "/odata/Orders/$count", null, Roles(200, "admin", "manager", "manager-east", "analyst")),
        ("GET", "/arrow/Orders", null, Roles(200, "admin", "manager", "manager-east", "analyst")),
        ("GET", "/odata/$metadata", null, Everyone(200)),
        ("GET", "/odata/CampaignMembers", null, Everyone(200)),
        ("GET", "/exports/accounts.csv", null, Roles(Through, "admin", "manager", "manager-east", "analyst")),
        ("GET", "/somewhere/new", null, Roles(Through, "admin")),
    ];

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var (method, path, _, _) in Endpoints)
        {
            foreach (var key in Keys.Keys)
            {
                cases.Add(method, path, key);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_gets_the_status_its_key_allows_on_each_endpoint(string method, string path, string key)
    {
        var (_, _, body, allowed) = Endpoints.Single(e => e.Method == method && e.Path == path);
        var expected = allowed.TryGetValue(key, out var status) ? status : Unauthenticated.Contains(key) ? 401 : 403;
        using var client = company.Client(Keys[key]);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path.Replace("{id}", (await company.EveryoneCampaign).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var actual = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (expected == Through)
        {
            Assert.True(actual is not (401 or 403) and < 500, $"{key} {method} {path}: {actual} {text}");
        }
        else
        {
            Assert.True(expected == actual, $"{key} {method} {path}: expected {expected}, got {actual} {text}");
        }

        if (actual is 401 or 403)
        {
            Assert.Contains("\"error\":", text, StringComparison.Ordinal);
        }

        if (actual == 401)
        {
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, int> Roles(int status, params string[] keys) => keys.ToDictionary(k => k, _ => status);

    private static Dictionary<string, int> Everyone(int status, bool withoutKey = false) =>
        Keys.Keys.Where(k => withoutKey || !Unauthenticated.Contains(k)).ToDictionary(k => k, _ => status);
}
