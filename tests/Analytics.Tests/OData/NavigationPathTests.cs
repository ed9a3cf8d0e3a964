using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Analytics.Tests.OData;

/// <summary>
/// Single-valued navigation paths (Account/Region, Order/Account/Region, Product/Category) in $filter, $orderby and
/// $apply, and $select of a navigation property, as BI tools and SAP's generated clients send them. Totals by hand
/// from <see cref="ODataBook"/>: 华东 holds A1 (O1 11097.9 + O2 5999) and A3 (O4 4125.375) = 21222.275; North A2
/// (O3 949.05); South A5 (O6 0.7); A4 has no region (O5 1234.56).
/// </summary>
public sealed class NavigationPathTests(ODataBook book) : IClassFixture<ODataBook>
{
    private static readonly (string, string?) Analyst = ("analyst", null);

    private async Task<List<string>> Ids(string url, string property = "OrderId") =>
        [.. (await book.Host.All(url)).Select(r => r.GetProperty(property).GetString()!)];

    private List<string> Sql(string sql) => book.Warehouse.Rows(sql, r => r.GetString(0));

    [Fact]
    public async Task Revenue_by_the_accounts_region_nests_the_region_under_Account_and_matches_hand_written_SQL()
    {
        const string url = "/odata/Orders?$apply=groupby((Account/Region),aggregate(NetAmount with sum as Net,$count as Orders))";
        var page = await book.Host.Json(url);
        var rows = (await book.Host.All(url))
            .Select(r => (Region: r.GetProperty("Account").GetProperty("Region").GetString() ?? "null", Net: r.GetProperty("Net").GetDecimal(), Orders: r.GetProperty("Orders").GetInt32()))
            .OrderBy(r => r.Region, StringComparer.Ordinal).ToList();

        Assert.Equal("http://localhost/odata/$metadata#Orders(Account(Region),Net,Orders)", page.GetProperty("@odata.context").GetString());
        Assert.Equal([("North", 949.05m, 1), ("South", 0.7m, 1), ("null", 1234.56m, 1), ("华东", 21222.275m, 3)], rows);
        var bySql = book.Warehouse.Rows(
            "select coalesce(a.region, 'null'), sum(o.net_amount), count(*) from marts.orders o left join core.accounts a using (account_id) group by 1",
            r => (Region: r.GetString(0), Net: r.GetDecimal(1), Orders: (int)r.GetInt64(2))).OrderBy(r => r.Region, StringComparer.Ordinal).ToList();
        Assert.Equal(bySql, rows);
    }

    [Fact]
    public async Task A_grouped_path_can_be_filtered_and_ordered_after_the_groupby()
    {
        var rows = await book.Host.All("/odata/Orders?$apply=filter(Account/Region ne null)/groupby((Account/Region,Account/Industry),aggregate(NetAmount with sum as Net))&$orderby=Net desc&$filter=Account/Region ne 'South'");

        Assert.Equal(
            ["华东 制造 17096.9", "华东 food 4125.375", "North services 949.05"],
            rows.Select(r => $"{r.GetProperty("Account").GetProperty("Region")} {(r.GetProperty("Account").GetProperty("Industry").GetString() ?? "null")} {r.GetProperty("Net").GetDecimal().ToString(CultureInfo.InvariantCulture)}"));
    }

    [Fact]
    public async Task Filter_on_the_accounts_region_and_tier_reads_the_orders_SQL_joins_to()
    {
        Assert.Equal(["O1", "O2", "O4"], await Ids("/odata/Orders?$filter=Account/Region eq '华东'&$select=OrderId"));
        var tier = Sql("select tier from marts.account_segments where account_id = 'A1'").Single();
        Assert.Equal(
            Sql($"select o.order_id from marts.orders o join marts.account_segments s using (account_id) where s.tier = '{tier}' order by 1"),
            await Ids($"/odata/Orders?$filter=Account/Tier eq '{tier}'&$select=OrderId"));
        // Two steps, and a path inside a lambda starting from its variable.
        Assert.Equal(["O3"], await Ids("/odata/OrderLines?$filter=Order/Account/Region eq 'North'&$select=OrderId"));
        Assert.Equal(["O1", "O2", "O4"], await Ids("/odata/Orders?$filter=Lines/any(l: l/Product/Category eq 'laptop')&$select=OrderId"));
        Assert.Equal(["O2", "O1", "O4"], await Ids("/odata/Orders?$filter=Account/Region eq '华东'&$orderby=Account/Name desc,OrderDate desc&$select=OrderId"));
    }

    [Fact]
    public async Task Selecting_a_navigation_property_beside_its_expansion_reads_like_SAPs_generated_client()
    {
        var order = (await book.Host.Json("/odata/Orders('O3')?$select=OrderId,Account&$expand=Account($select=Region)")).GetRawText();

        Assert.Contains("\"OrderId\":\"O3\",\"Account\":{\"Region\":\"North\"}", order, StringComparison.Ordinal);
        var bare = (await book.Host.Json("/odata/Orders?$select=OrderId,Account&$filter=OrderId eq 'O3'")).GetProperty("value")[0];
        Assert.Equal(["OrderId"], bare.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Contacts_masked_for_a_role_stay_masked_through_a_path()
    {
        Assert.Equal(["O1", "O2"], await Ids("/odata/Orders?$filter=Account/ContactPhone eq '13800000001'&$select=OrderId"));

        Assert.Empty(await book.Host.All("/odata/Orders?$filter=Account/ContactPhone eq '13800000001'&$select=OrderId", Analyst));
        var groups = await book.Host.All("/odata/Orders?$apply=groupby((Account/ContactName),aggregate($count as N))", Analyst);
        Assert.Equal(JsonValueKind.Null, Assert.Single(groups).GetProperty("Account").GetProperty("ContactName").ValueKind);
    }

    [Fact]
    public async Task A_regional_key_groups_and_filters_only_its_own_accounts()
    {
        var east = await book.Host.All("/odata/Orders?$apply=groupby((Account/Region),aggregate(NetAmount with sum as Net))", ("manager", "华东"));
        var north = await book.Host.All("/odata/Orders?$filter=Account/Region eq '华东'&$select=OrderId", ("manager", "North"));

        Assert.Equal("华东 21222.275", string.Join(";", east.Select(r => $"{r.GetProperty("Account").GetProperty("Region")} {r.GetProperty("Net").GetDecimal().ToString(CultureInfo.InvariantCulture)}")));
        Assert.Empty(north);
    }

    [Fact]
    public async Task A_path_to_a_set_the_role_may_not_read_is_403_and_a_path_to_a_collection_or_unknown_property_is_refused()
    {
        var (status, body) = await book.Host.Get("/odata/CampaignMembers?$filter=Account/Region eq '华东'", ("marketing", null));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("/odata/Accounts", body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await book.Host.Get("/odata/Orders?$filter=Account/NoSuch eq 1")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await book.Host.Get("/odata/Orders?$filter=Lines/Quantity eq 1")).Status);
    }
}
