using System.Net;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Tests.Campaigns;

namespace Analytics.Tests.Access;

/// <summary>
/// The keys of the real service (authentication, OData, Arrow, dashboard, campaigns in one host) narrow what the
/// OData feed and the dashboard show: an East-only manager sees East rows in pages, counts and aggregates; an
/// analyst sees accounts and tickets with every personal contact field empty. Expected figures come from SQL.
/// </summary>
[Collection(CampaignCompanyReaders.Name)]
public sealed class ServiceScopeTests(CampaignCompany company)
{
    private const string EastAccounts = "select account_id from core.accounts where region = '华东'";

    [Fact]
    public async Task An_east_manager_sees_only_east_accounts_in_odata_pages_counts_and_aggregates()
    {
        using var client = company.Client(DemoKeys.ManagerEast);

        var regions = await Values(client, "/odata/Accounts?$apply=groupby((Region))", "Region");
        Assert.Equal(["华东"], regions);

        var orders = await Get(client, "/odata/Orders/$count");
        Assert.Equal(company.Scalar<long>($"select count(*) from core.orders where account_id in ({EastAccounts})").ToString(System.Globalization.CultureInfo.InvariantCulture), orders);

        var total = await Values(client, "/odata/Orders?$apply=aggregate(NetAmount with sum as Total)", "Total");
        Assert.Equal(company.Scalar<decimal>($"select sum(net_amount) from marts.orders where account_id in ({EastAccounts})"), decimal.Parse(total.Single(), System.Globalization.CultureInfo.InvariantCulture));

        var ticketAccounts = await Values(client, "/odata/Tickets?$apply=groupby((AccountId))", "AccountId");
        var east = company.Warehouse.Rows(EastAccounts, r => r.GetString(0)).ToHashSet();
        Assert.NotEmpty(ticketAccounts);
        Assert.All(ticketAccounts, a => Assert.Contains(a, east));

        // The whole manager sees more: the narrowing is the key's, not the data's.
        using var all = company.Client(DemoKeys.Manager);
        Assert.True((await Values(all, "/odata/Accounts?$apply=groupby((Region))", "Region")).Count > 1);
    }

    [Fact]
    public async Task An_analyst_gets_accounts_and_tickets_with_every_contact_field_empty()
    {
        using var client = company.Client(DemoKeys.Analyst);
        var accounts = await Page(client, "/odata/Accounts?$select=AccountId,ContactName,ContactPhone&$top=500");
        Assert.Equal(Math.Min(500, company.Scalar<long>("select count(*) from core.accounts")), accounts.Count);
        Assert.All(accounts, a =>
        {
            Assert.Equal(JsonValueKind.Null, a.GetProperty("ContactName").ValueKind);
            Assert.Equal(JsonValueKind.Null, a.GetProperty("ContactPhone").ValueKind);
        });
        var tickets = await Page(client, "/odata/Tickets?$select=TicketId,Contact&$top=500");
        Assert.NotEmpty(tickets);
        Assert.All(tickets, t => Assert.Equal(JsonValueKind.Null, t.GetProperty("Contact").ValueKind));

        // An admin reads the same fields filled, so the empty ones above are the mask, not missing data.
        using var admin = company.Client(DemoKeys.Admin);
        var filled = await Page(admin, "/odata/Accounts?$select=AccountId,ContactName&$filter=ContactName ne null&$top=5");
        Assert.NotEmpty(filled);
    }

    [Fact]
    public async Task The_dashboard_of_an_east_manager_offers_and_shows_only_the_east()
    {
        using var east = company.Client(DemoKeys.ManagerEast);
        using var response = await east.GetAsync(new Uri("/?lang=en", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        var others = company.Warehouse.Rows("select distinct region from core.accounts where region <> '华东' and region is not null", r => r.GetString(0));
        Assert.NotEmpty(others);
        Assert.All(others, region => Assert.DoesNotContain($">{region}<", page, StringComparison.Ordinal));

        // Asking for another region is refused, not quietly widened or emptied.
        using var foreign = await east.GetAsync(new Uri($"/charts/pareto.json?region={Uri.EscapeDataString(others[0])}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
    }

    private static async Task<string> Get(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    private static async Task<List<JsonElement>> Page(HttpClient client, string path) =>
        JsonDocument.Parse(await Get(client, path)).RootElement.GetProperty("value").EnumerateArray().Select(e => e.Clone()).ToList();

    private static async Task<List<string>> Values(HttpClient client, string path, string property) =>
        (await Page(client, path)).Select(e => e.GetProperty(property).ToString()).ToList();
}
