using System.Text.Json;

namespace Analytics.Tests.OData;

/// <summary>$apply pushed down: filter, groupby, aggregate, compute, then $filter/$orderby/$top on what they produce.</summary>
public sealed class ApplyTests(ODataBook book) : IClassFixture<ODataBook>
{
    private static string Row(JsonElement row) => string.Join(" ", row.EnumerateObject().Select(p => p.Value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Number => p.Value.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => p.Value.ToString(),
    }));

    private List<string> Sql(string sql) => book.Warehouse.Rows(sql, r => string.Join(" ", Enumerable.Range(0, r.FieldCount).Select(i =>
        r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i) is decimal d ? d / 1.0000000000000000000000000000m : r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));

    private async Task<List<string>> OData(string url) => [.. (await book.Host.All(url)).Select(Row)];

    [Fact]
    public async Task Groupby_with_sum_ordered_by_the_aggregate_is_a_proper_OData_response()
    {
        var page = await book.Host.Json("/odata/Orders?$apply=groupby((AccountId),aggregate(NetAmount with sum as Net))&$orderby=Net desc");

        Assert.Equal("http://localhost/odata/$metadata#Orders(AccountId,Net)", page.GetProperty("@odata.context").GetString());
        Assert.Equal(
            Sql("select account_id, sum(net_amount) from marts.orders group by 1 order by 2 desc, 1"),
            await OData("/odata/Orders?$apply=groupby((AccountId),aggregate(NetAmount with sum as Net))&$orderby=Net desc"));
    }

    [Fact]
    public async Task Every_aggregation_method_matches_SQL()
    {
        Assert.Equal(
            Sql("select min(net_amount), max(net_amount), avg(net_amount)::decimal(38,10), count(distinct account_id), count(*), sum(net_amount) from marts.orders"),
            (await OData("/odata/Orders?$apply=aggregate(NetAmount with min as Lo,NetAmount with max as Hi,NetAmount with average as Mean,AccountId with countdistinct as Accounts,$count as N,NetAmount with sum as Net)"))
                .Select(r => string.Join(" ", r.Split(' ').Select((v, i) => i == 2 ? decimal.Round(decimal.Parse(v, System.Globalization.CultureInfo.InvariantCulture), 10).ToString(System.Globalization.CultureInfo.InvariantCulture) : v))));
        Assert.Equal(["11097.9", "0.7"], (await OData("/odata/Orders?$apply=aggregate(NetAmount with max as Hi,NetAmount with min as Lo)")).Single().Split(' '));
    }

    [Fact]
    public async Task Filter_then_groupby_then_a_filter_on_the_count_matches_SQL()
    {
        Assert.Equal(
            Sql("select account_id, count(*) as n from marts.orders where channel = 'phone' or channel is null group by 1 having count(*) >= 1 order by 1"),
            await OData("/odata/Orders?$apply=filter(Channel eq 'phone' or Channel eq null)/groupby((AccountId),aggregate($count as N))&$filter=N ge 1"));
        Assert.Equal(
            Sql("select account_id, count(*) from marts.orders group by 1 having count(*) > 1 order by 1"),
            await OData("/odata/Orders?$apply=groupby((AccountId),aggregate($count as N))&$filter=N gt 1"));
    }

    [Fact]
    public async Task Compute_then_groupby_by_the_computed_year_matches_SQL()
    {
        Assert.Equal(
            Sql("select year(order_date), sum(net_amount) from marts.orders group by 1 order by 1"),
            await OData("/odata/Orders?$apply=compute(year(OrderDate) as Year)/groupby((Year),aggregate(NetAmount with sum as Net))&$orderby=Year"));
    }

    [Fact]
    public async Task Groupby_without_aggregate_gives_the_distinct_values_including_null()
    {
        Assert.Equal(
            Sql("select distinct channel from marts.orders order by 1 nulls last"),
            await OData("/odata/Orders?$apply=groupby((Channel))"));
    }

    [Fact]
    public async Task Top_after_apply_pages_and_count_counts_the_groups()
    {
        var first = await book.Host.Json("/odata/Orders?$apply=groupby((AccountId),aggregate(NetAmount with sum as Net))&$orderby=Net desc&$top=3&$count=true");

        Assert.Equal(5, first.GetProperty("@odata.count").GetInt64());
        Assert.Equal(
            Sql("select account_id, sum(net_amount) from marts.orders group by 1 order by 2 desc limit 3"),
            await OData("/odata/Orders?$apply=groupby((AccountId),aggregate(NetAmount with sum as Net))&$orderby=Net desc&$top=3"));
    }

    [Fact]
    public async Task Lines_group_by_product_with_sum_of_net_and_of_quantity()
    {
        Assert.Equal(
            Sql("select product_id, sum(net_amount), sum(quantity) from marts.order_lines group by 1 order by 1"),
            await OData("/odata/OrderLines?$apply=groupby((ProductId),aggregate(NetAmount with sum as Net,Quantity with sum as Units))&$orderby=ProductId"));
    }
}
