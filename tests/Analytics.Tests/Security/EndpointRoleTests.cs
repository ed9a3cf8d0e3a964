using System.Net;
using Analytics.ReportApi.Access;
using Analytics.Tests.Support;

namespace Analytics.Tests.Security;

/// <summary>
/// Every endpoint the running app maps (read from its own endpoint data source, so a new endpoint is covered
/// without a new test), every method it takes, every role: without a key a 401 unless the policy opens the path;
/// a role the policy does not allow a 403; a role it allows gets past the access check (no 401, 403 or 5xx:
/// what the endpoint then answers to a made-up id or an empty body is its own business). On a warehouse of its
/// own, as the requests include deletes and posts (with ids no row has).
/// </summary>
public sealed class EndpointRoleTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public async Task Every_endpoint_answers_every_role_as_the_access_policy_says()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name,region\nA1,甲方,华东\n");
        _warehouse.RefreshMarts();
        await using var factory = new AnalyticsFactory(_warehouse.Database);
        var requests = MappedRequests.Of(factory).ToList();
        var wrong = new List<string>();
        foreach (var (method, path) in requests)
        {
            foreach (var role in Roles.All.Append(null))
            {
                using var client = factory.Client(role is null ? null : factory.Key(role));
                using var request = MappedRequests.Message(method, path);

                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var expected = role is null
                    ? AccessPolicy.IsOpen(path, method) ? "open" : "401"
                    : AccessPolicy.IsOpen(path, method) || AccessPolicy.Allows(path, method, role) ? "through" : "403";
                var right = expected switch
                {
                    "401" => status == 401,
                    "403" => status == 403,
                    _ => status is not (401 or 403) && status < 500,
                };
                if (!right)
                {
                    wrong.Add($"{method} {path} as {role ?? "nobody"}: expected {expected}, got {status}");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} answers differ from the policy:\n{string.Join("\n", wrong)}");
        Assert.True(requests.Count > 20, $"only {requests.Count} endpoints: the data source was not read");
        Assert.Contains(requests, r => r.Path.StartsWith("/api/keys", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Path.StartsWith("/api/campaigns", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Path.StartsWith("/charts", StringComparison.Ordinal));
    }
}
