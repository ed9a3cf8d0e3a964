using System.Net;
using System.Text.Json;

namespace Analytics.Tests.OData;

/// <summary>
/// A region-limited scope (an analyst for 华东: accounts A1 and A3, orders O1 O2 O4, tickets T1 T3, contract C1)
/// sees none of another region's rows: not in pages, counts, aggregates, expansions, navigation or next pages;
/// and an analyst sees no contact's name or phone.
/// </summary>
public sealed class AccessScopeTests(ODataBook book) : IClassFixture<ODataBook>
{
    private static readonly (string, string?) EastAnalyst = ("analyst", "华东");
    private static readonly (string, string?) EastManager = ("manager", "华东");

    private static List<string?> Ids(IEnumerable<JsonElement> rows, string property) => [.. rows.Select(r => r.GetProperty(property).GetString())];

    [Fact]
    public async Task Every_account_keyed_set_holds_only_the_regions_rows()
    {
        Assert.Equal(["A1", "A3"], Ids(await book.Host.All("/odata/Accounts", EastAnalyst), "AccountId"));
        Assert.Equal(["O1", "O2", "O4"], Ids(await book.Host.All("/odata/Orders", EastAnalyst), "OrderId"));
        Assert.Equal(["O1", "O1", "O2", "O4"], Ids(await book.Host.All("/odata/OrderLines", EastAnalyst), "OrderId"));
        Assert.Equal(["T1", "T3"], Ids(await book.Host.All("/odata/Tickets", EastAnalyst), "TicketId"));
        Assert.Equal(["C1"], Ids(await book.Host.All("/odata/Contracts", EastAnalyst), "ContractId"));
        Assert.Equal(["A1", "A3"], Ids(await book.Host.All("/odata/AccountSegments", EastAnalyst), "AccountId"));
        Assert.Equal(
            book.Warehouse.Rows("select order_id from marts.invoice_payments where account_id in ('A1', 'A3') order by 1", r => (string?)r.GetString(0)),
            Ids(await book.Host.All("/odata/InvoicePayments?$select=OrderId", EastAnalyst), "OrderId"));
        Assert.Equal(3, (await book.Host.All("/odata/Products", EastAnalyst)).Count);
    }

    [Fact]
    public async Task Any_and_all_read_the_related_rows_through_the_scope_too()
    {
        // O3 (North) has a P2 line too, but is not the East analyst's.
        Assert.Equal(["O1"], Ids(await book.Host.All("/odata/Orders?$filter=Lines/any(l: l/ProductId eq 'P2')", EastAnalyst), "OrderId"));
        Assert.Equal(["A1", "A3"], Ids(await book.Host.All("/odata/Accounts?$filter=Orders/any()", EastAnalyst), "AccountId"));
        Assert.Equal(["A3"], Ids(await book.Host.All("/odata/Accounts?$filter=Orders/all(o: o/OrderDate ge 2025-01-01)", EastAnalyst), "AccountId"));
    }

    [Fact]
    public async Task Counts_and_aggregates_count_only_the_regions_rows()
    {
        var page = await book.Host.Json("/odata/Orders?$count=true", EastAnalyst);
        var (_, count) = await book.Host.Get("/odata/Orders/$count", EastAnalyst);
        var total = await book.Host.Json("/odata/Orders?$apply=aggregate(NetAmount with sum as Net,$count as N)", EastAnalyst);
        var byAccount = await book.Host.All("/odata/Orders?$apply=groupby((AccountId),aggregate(NetAmount with sum as Net))", EastAnalyst);
        var lines = await book.Host.Json("/odata/OrderLines?$apply=aggregate(NetAmount with sum as Net)&$count=true", EastAnalyst);

        Assert.Equal(3, page.GetProperty("@odata.count").GetInt64());
        Assert.Equal("3", count);
        Assert.Equal(11097.9m + 5999m + 4125.375m, total.GetProperty("value")[0].GetProperty("Net").GetDecimal());
        Assert.Equal(3, total.GetProperty("value")[0].GetProperty("N").GetInt64());
        Assert.Equal(["A1", "A3"], Ids(byAccount, "AccountId"));
        Assert.Equal(11097.9m + 5999m + 4125.375m, lines.GetProperty("value")[0].GetProperty("Net").GetDecimal());
    }

    [Fact]
    public async Task Keys_navigation_and_expansions_do_not_reach_another_regions_rows()
    {
        var (foreign, _) = await book.Host.Get("/odata/Accounts('A2')", EastAnalyst);
        var (foreignOrder, _) = await book.Host.Get("/odata/Orders('O3')", EastAnalyst);
        var viaNavigation = await book.Host.All("/odata/Accounts('A2')/Orders", EastAnalyst);
        var expanded = await book.Host.All("/odata/Contracts?$expand=Tickets($select=TicketId),Account($select=AccountId)", EastAnalyst);
        var lineOrders = await book.Host.All("/odata/OrderLines?$expand=Order($select=AccountId)", EastAnalyst);
        var filtered = await book.Host.All("/odata/Orders?$filter=AccountId eq 'A2' or AccountId eq 'A5'", EastAnalyst);

        Assert.Equal(HttpStatusCode.NotFound, foreign);
        Assert.Equal(HttpStatusCode.NotFound, foreignOrder);
        Assert.Empty(viaNavigation);
        Assert.Equal(["C1"], Ids(expanded, "ContractId"));
        Assert.Equal(["T1"], Ids(expanded[0].GetProperty("Tickets").EnumerateArray(), "TicketId"));
        Assert.All(lineOrders, l => Assert.True(l.GetProperty("Order").GetProperty("AccountId").GetString() is "A1" or "A3"));
        Assert.Empty(filtered);
    }

    [Fact]
    public async Task A_next_page_token_pointing_before_foreign_rows_still_shows_only_the_regions()
    {
        var token = Convert.ToBase64String("[\"\"]"u8.ToArray()).TrimEnd('=');

        var rows = await book.Host.All($"/odata/Accounts?$skiptoken={token}", EastAnalyst);

        Assert.Equal(["A1", "A3"], Ids(rows, "AccountId"));
    }

    [Fact]
    public async Task An_analyst_sees_no_contacts_and_a_manager_does()
    {
        var analyst = await book.Host.Json("/odata/Accounts('A1')", EastAnalyst);
        var ticket = await book.Host.Json("/odata/Tickets('T1')", EastAnalyst);
        var filteredByContact = await book.Host.All("/odata/Accounts?$filter=ContactName eq '张三'", EastAnalyst);
        var manager = await book.Host.Json("/odata/Accounts('A1')", EastManager);

        Assert.Equal(JsonValueKind.Null, analyst.GetProperty("ContactName").ValueKind);
        Assert.Equal(JsonValueKind.Null, analyst.GetProperty("ContactPhone").ValueKind);
        Assert.Equal(JsonValueKind.Null, ticket.GetProperty("Contact").ValueKind);
        Assert.Empty(filteredByContact);
        Assert.Equal("张三", manager.GetProperty("ContactName").GetString());
        Assert.Equal("13800000001", manager.GetProperty("ContactPhone").GetString());
    }

    [Fact]
    public async Task A_scope_with_no_regions_sees_no_account_rows()
    {
        Assert.Empty(await book.Host.All("/odata/Orders", ("manager", "-")));
        Assert.Equal(3, (await book.Host.All("/odata/Products", ("manager", "-"))).Count);
    }
}
