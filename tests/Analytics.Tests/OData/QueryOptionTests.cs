using System.Net;
using System.Text.Json;

namespace Analytics.Tests.OData;

/// <summary>$select, $orderby, $top, $skip, $count, keys, navigation and server-driven paging, each against SQL on the same data.</summary>
public sealed class QueryOptionTests(ODataBook book) : IClassFixture<ODataBook>
{
    private List<string> Sql(string sql) => book.Warehouse.Rows(sql, r => r.GetString(0));

    private static List<string> Ids(IEnumerable<JsonElement> rows, string property = "OrderId") =>
        [.. rows.Select(r => r.GetProperty(property).GetString()!)];

    [Fact]
    public async Task The_service_document_lists_every_entity_set_the_contract_names()
    {
        var root = await book.Host.Json("/odata");

        var names = root.GetProperty("value").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal("http://localhost/odata/$metadata", root.GetProperty("@odata.context").GetString());
        Assert.Subset(names.ToHashSet(), new HashSet<string?> { "Accounts", "Products", "Orders", "OrderLines", "Tickets", "Contracts", "AccountScores", "ParetoCurve", "AccountSegments", "SlaComplianceMonthly", "ContractStatus" });
    }

    [Fact]
    public async Task An_order_reads_back_with_exact_decimals_dates_and_nulls()
    {
        var order = await book.Host.Json("/odata/Orders('O4')");

        Assert.Equal("http://localhost/odata/$metadata#Orders/$entity", order.GetProperty("@odata.context").GetString());
        Assert.Equal(4125.375m, order.GetProperty("NetAmount").GetDecimal());
        Assert.Equal("2025-01-01", order.GetProperty("OrderDate").GetString());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("Channel").ValueKind);
        Assert.Equal("A3", order.GetProperty("AccountId").GetString());
    }

    [Fact]
    public async Task Accounts_carry_tier_level_and_lifecycle_stage_from_the_segments_mart()
    {
        var rows = await book.Host.All("/odata/Accounts?$select=AccountId,Tier,Level,LifecycleStage");

        var expected = book.Warehouse.Rows("select account_id, tier, level, lifecycle_stage from marts.account_segments order by 1",
            r => $"{r.GetString(0)} {r.GetString(1)} {r.GetInt32(2)} {r.GetString(3)}");
        Assert.Equal(expected, rows.Select(r => $"{r.GetProperty("AccountId").GetString()} {r.GetProperty("Tier").GetString()} {r.GetProperty("Level").GetInt32()} {r.GetProperty("LifecycleStage").GetString()}"));
        Assert.All(rows, r => Assert.Equal(4, r.EnumerateObject().Count()));
    }

    [Fact]
    public async Task Tickets_carry_response_minutes_and_whether_they_met_the_contract()
    {
        var t1 = await book.Host.Json("/odata/Tickets('T1')?$select=ResponseMinutes,ResponseMet,OnsiteMet,Contact");
        var t3 = await book.Host.Json("/odata/Tickets('T3')?$select=ResponseMinutes,ResponseMet");

        Assert.Equal(30, t1.GetProperty("ResponseMinutes").GetInt64());
        Assert.True(t1.GetProperty("ResponseMet").GetBoolean());
        Assert.Equal("张三", t1.GetProperty("Contact").GetString());
        Assert.Equal(JsonValueKind.Null, t3.GetProperty("ResponseMinutes").ValueKind);
        Assert.Equal(JsonValueKind.Null, t3.GetProperty("ResponseMet").ValueKind);
    }

    [Fact]
    public async Task Orderby_top_and_skip_match_SQL_with_the_key_breaking_ties_across_pages()
    {
        var rows = await book.Host.All("/odata/Orders?$orderby=Channel desc,NetAmount&$skip=1&$top=4&$select=OrderId");

        Assert.Equal(Sql("select order_id from marts.orders order by channel desc, net_amount, order_id limit 4 offset 1"), Ids(rows));
    }

    [Fact]
    public async Task Paging_in_key_order_returns_every_row_once_with_a_true_count_on_each_page()
    {
        var first = await book.Host.Json("/odata/OrderLines?$count=true&$filter=Discount lt 0.2");
        var rows = await book.Host.All("/odata/OrderLines?$count=true&$filter=Discount lt 0.2");

        Assert.Equal(5, first.GetProperty("@odata.count").GetInt64());
        Assert.Equal(2, first.GetProperty("value").GetArrayLength());
        Assert.Contains("$skiptoken=", first.GetProperty("@odata.nextLink").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            Sql("select order_id || '/' || line_no from marts.order_lines where discount < 0.2 order by order_id, line_no"),
            rows.Select(r => r.GetProperty("OrderId").GetString() + "/" + r.GetProperty("LineNo").GetInt32()));
    }

    [Fact]
    public async Task A_top_above_the_page_size_is_kept_across_the_pages()
    {
        var rows = await book.Host.All("/odata/Orders?$top=3&$select=OrderId");

        Assert.Equal(["O1", "O2", "O3"], Ids(rows));
    }

    [Fact]
    public async Task The_count_segment_answers_the_filtered_count_as_text()
    {
        var (status, body) = await book.Host.Get("/odata/Orders/$count?$filter=Channel eq 'phone'");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("3", body);
    }

    [Fact]
    public async Task An_accounts_orders_are_reached_by_navigation_and_a_missing_key_is_404()
    {
        var rows = await book.Host.All("/odata/Accounts('A1')/Orders?$select=OrderId");
        var (status, body) = await book.Host.Get("/odata/Orders('nope')");

        Assert.Equal(["O1", "O2"], Ids(rows));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("\"error\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Select_returns_only_the_properties_named_and_says_so_in_the_context()
    {
        var page = await book.Host.Json("/odata/Products?$select=Name,ListPrice&$orderby=ListPrice desc");

        Assert.Equal("http://localhost/odata/$metadata#Products(Name,ListPrice)", page.GetProperty("@odata.context").GetString());
        var first = page.GetProperty("value")[0];
        Assert.Equal(["Name", "ListPrice"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("笔记本电脑", first.GetProperty("Name").GetString());
        Assert.Equal(5999.00m, first.GetProperty("ListPrice").GetDecimal());
    }

    [Fact]
    public async Task Expand_brings_each_accounts_orders_filtered_ordered_and_cut_per_account()
    {
        var rows = await book.Host.All("/odata/Accounts?$select=AccountId&$expand=Orders($filter=NetAmount gt 1000;$orderby=NetAmount desc;$top=1;$select=OrderId,NetAmount)");

        var expected = book.Warehouse.Rows("""
            select a.account_id, coalesce((select o.order_id from marts.orders o where o.account_id = a.account_id and o.net_amount > 1000
                                           order by o.net_amount desc limit 1), '-')
            from core.accounts a order by 1
            """, r => $"{r.GetString(0)}:{r.GetString(1)}");
        Assert.Equal(expected, rows.Select(r =>
            $"{r.GetProperty("AccountId").GetString()}:{(r.GetProperty("Orders").GetArrayLength() == 0 ? "-" : r.GetProperty("Orders")[0].GetProperty("OrderId").GetString())}"));
    }

    [Fact]
    public async Task Nested_expand_brings_each_orders_lines_under_it()
    {
        var rows = await book.Host.All(
            "/odata/Accounts?$select=AccountId&$filter=AccountId in ('A1','A4')&$expand=Orders($select=OrderId;$orderby=OrderId desc;$expand=Lines($select=LineNo,ProductId;$orderby=LineNo))");

        // By hand from ODataBook: A1 has O1 (lines P1, P2) and O2 (line P1); A4 has O5, whose amount came without lines.
        Assert.Equal(["A1[O2(1:P1) O1(1:P1,2:P2)]", "A4[O5()]"], rows.Select(a =>
            $"{a.GetProperty("AccountId").GetString()}[{string.Join(" ", a.GetProperty("Orders").EnumerateArray().Select(o =>
                $"{o.GetProperty("OrderId").GetString()}({string.Join(",", o.GetProperty("Lines").EnumerateArray().Select(l =>
                    $"{l.GetProperty("LineNo").GetInt32()}:{l.GetProperty("ProductId").GetString()}"))})"))}]"));
    }

    [Fact]
    public async Task Expand_deeper_than_the_limit_is_refused()
    {
        var (status, body) = await book.Host.Get("/odata/Orders?$expand=Account($expand=Orders($expand=Lines($expand=Order)))");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
        Assert.Contains("\"error\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expand_of_a_to_one_navigation_brings_the_related_entity_or_null()
    {
        var rows = await book.Host.All("/odata/Tickets?$select=TicketId&$expand=Contract($select=AnnualFee),Account($select=Name)");

        Assert.Equal(["T1 120000.00 华东机械有限公司", "T2 null O'Brien & Co", "T3 - 100% Pure Water"], rows.Select(r =>
            $"{r.GetProperty("TicketId").GetString()} {(r.GetProperty("Contract").ValueKind == JsonValueKind.Null ? "-" : r.GetProperty("Contract").GetProperty("AnnualFee").ValueKind == JsonValueKind.Null ? "null" : r.GetProperty("Contract").GetProperty("AnnualFee").GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))} {r.GetProperty("Account").GetProperty("Name").GetString()}"));
    }
}
