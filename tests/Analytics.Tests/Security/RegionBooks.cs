using System.Net;
using System.Text;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Tests.Support;

namespace Analytics.Tests.Security;

/// <summary>
/// Two hand-made books, the same in the East (华东) and different only in the North (华北), each served by the real
/// app. What an East-only key sees must be the same in both: nothing it reads may depend on another region's data.
/// As of 2025-06-30, 12-month windows, net per company by hand (1,000 per unit of P1):
///   E1 华东 100,000 (2025-03-01) and its duplicate E1D, located in 华北, 20,000 (2025-04-01): one company whose
///      master is E1 (created first), so 120,000 in the East, by the rule that a company belongs to its master's region;
///   E2 华东 30,000 (2025-05-01); the East's total is 150,000;
///   N1 华北 1,000,000 in the first book, 1,001,000 in the second (2025-02-01): the whole book's total moves, no tier does
///      (N1 A; E1 B; E2 C in both);
///   the second book only: N3 华北 5,000 and its duplicate N3D, located in 华东, 2,000 (both 2023-06-01, before every
///      window): a company of the North whose duplicate sits in the East, which the East must not see.
/// Groups of companies: E2 belongs to N1's group (a group spanning both regions), whose totals the East reads over E2 alone.
/// Tickets: T1 of E1 and T2 of N1 for one engineer (赵工), and in the second book T3 of N1 for him as well, so an
/// engineer's whole-book row would differ.
/// </summary>
public sealed class RegionBooks : IAsyncLifetime
{
    public const string East = "华东";
    public const string AsOf = "2025-06-30";
    public const decimal EastTotal = 150_000m;

    public RegionBook First { get; } = new(second: false);

    public RegionBook Second { get; } = new(second: true);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }
}

/// <summary>One of the <see cref="RegionBooks"/>, with its service and helpers to read it as a role and regions.</summary>
public sealed class RegionBook : IAsyncDisposable
{
    public TestWarehouse Warehouse { get; } = new();

    public AnalyticsFactory Service { get; }

    public RegionBook(bool second)
    {
        Warehouse.LoadText("accounts.csv", "account_id,name,tax_id,industry,region,city,created_on,parent_account_id\n"
            + "E1,华东机械有限公司,91310000MA1FL0001,制造,华东,上海,2020-01-01,\n"
            + "E1D,华东机械有限公司北京分部,91310000MA1FL0001,制造,华北,北京,2021-01-01,\n"
            + "E2,苏州电子有限公司,91320500MA1FL0002,电子,华东,苏州,2020-02-01,N1\n"
            + "N1,北京重工有限公司,91110000MA1FL0003,制造,华北,北京,2019-06-01,\n"
            + (second
                ? "N3,天津化工有限公司,91120000MA1FL0004,化工,华北,天津,2019-01-01,\n"
                  + "N3D,天津化工有限公司上海办,91120000MA1FL0004,化工,华东,上海,2022-01-01,\n"
                : ""));
        Warehouse.LoadText("products.csv", "product_id,name,category,list_price,unit_cost\nP1,服务器,server,1000.00,600.00\n");
        Warehouse.LoadText("orders.csv", "order_id,account_id,order_date,channel\n"
            + "O1,E1,2025-03-01,phone\nO2,E1D,2025-04-01,phone\nO3,E2,2025-05-01,phone\nO4,N1,2025-02-01,phone\n"
            // The second book's file also holds an order of an account nobody loaded (it waits) and one with a bad date (rejected):
            // its load ledger differs too, which no East key may read.
            + (second ? "O5,N3,2023-06-01,phone\nO6,N3D,2023-06-01,phone\nO7,N9,2025-01-01,phone\nO8,N1,2025-02-30,phone\n" : ""));
        Warehouse.LoadText("order_lines.csv", "order_id,line_no,product_id,quantity,unit_price,unit_cost,discount\n"
            + "O1,1,P1,100,1000.00,600,0\nO2,1,P1,20,1000.00,600,0\nO3,1,P1,30,1000.00,600,0\n"
            + (second ? "O4,1,P1,1001,1000.00,600,0\nO5,1,P1,5,1000.00,600,0\nO6,1,P1,2,1000.00,600,0\n" : "O4,1,P1,1000,1000.00,600,0\n"));
        Warehouse.LoadText("tickets.csv", "ticket_id,account_id,kind,priority,opened_at,first_response_at,satisfaction,engineer\n"
            + "T1,E1,phone,high,2025-03-04 10:00,2025-03-04 10:30,5,赵工\nT2,N1,phone,high,2025-03-05 10:00,2025-03-05 12:00,3,赵工\n"
            + (second ? "T3,N1,onsite,low,2025-04-05 10:00,2025-04-06 10:00,1,赵工\n" : ""));
        Warehouse.RefreshMarts(("as_of_date", RegionBooks.AsOf));
        Service = new AnalyticsFactory(Warehouse.Database);
    }

    /// <summary>A client with a real key of the role, limited to the regions (null: all).</summary>
    public HttpClient Client(string role, params string[]? regions) =>
        Service.Client(Service.Key(role, regions is null || regions.Length == 0 ? null : regions));

    public HttpClient Admin() => Client(Roles.Admin);

    public HttpClient EastManager() => Client(Roles.Manager, RegionBooks.East);

    public static async Task<string> Text(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    public static async Task<JsonElement> Post(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Every row of an OData collection, page after page.</summary>
    public static async Task<List<JsonElement>> Rows(HttpClient client, string path)
    {
        var rows = new List<JsonElement>();
        string? next = path;
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < 1000, "too many pages");
            var page = JsonDocument.Parse(await Text(client, next)).RootElement;
            rows.AddRange(page.GetProperty("value").EnumerateArray().Select(r => r.Clone()));
            next = page.TryGetProperty("@odata.nextLink", out var link) ? RelativePath(link.GetString()!) : null;
        }

        return rows;
    }

    private static string RelativePath(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : link;

    /// <summary>The entity sets of the service, from its service document (so a new set is covered without a new test).</summary>
    public async Task<List<string>> EntitySets()
    {
        var document = JsonDocument.Parse(await Text(Admin(), "/odata")).RootElement;
        return [.. document.GetProperty("value").EnumerateArray()
            .Where(e => !e.TryGetProperty("kind", out var kind) || kind.GetString() == "EntitySet")
            .Select(e => e.GetProperty("name").GetString()!)];
    }

    /// <summary>The entity sets <paramref name="role"/> may read by the access policy; the others it is refused (RegionScopeTests).</summary>
    public async Task<List<string>> EntitySetsFor(string role) =>
        [.. (await EntitySets()).Where(set => AccessPolicy.Allows($"/odata/{set}", "GET", role))];

    private static readonly string[] AccountKeys = ["AccountId", "MasterAccountId"];

    /// <summary>
    /// The property naming the account each row of a set is about (AccountId, else MasterAccountId), from the
    /// service's $metadata; null for a set with neither.
    /// </summary>
    public async Task<Dictionary<string, string?>> AccountProperties()
    {
        var metadata = System.Xml.Linq.XDocument.Parse(await Text(Admin(), "/odata/$metadata"));
        var types = metadata.Descendants().Where(e => e.Name.LocalName == "EntityType").ToDictionary(
            e => (string)e.Attribute("Name")!,
            e => e.Elements().Where(p => p.Name.LocalName == "Property").Select(p => (string)p.Attribute("Name")!).ToHashSet());
        return metadata.Descendants().Where(e => e.Name.LocalName == "EntitySet").ToDictionary(
            e => (string)e.Attribute("Name")!,
            e =>
            {
                var properties = types[((string)e.Attribute("EntityType")!).Split('.')[^1]];
                return AccountKeys.FirstOrDefault(properties.Contains);
            });
    }

    /// <summary>The accounts whose company (master account) is in <paramref name="region"/>: what a key for it may see.</summary>
    public HashSet<string> AccountsOf(string region) =>
        [.. Warehouse.Rows("""
            select m.account_id from marts.account_merge_map m join core.accounts a on a.account_id = m.master_account_id
            where a.region = $1
            """, r => r.GetString(0), region)];

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        Warehouse.Dispose();
    }
}
