using System.Globalization;
using Analytics.Ingest;
using Analytics.Tests.Support;

namespace Analytics.Tests.OData;

/// <summary>The real Northwind export loaded through its mappings, then asked over OData what the marts say.</summary>
public sealed class NorthwindODataTests : IAsyncDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public async ValueTask DisposeAsync()
    {
        _warehouse.Dispose();
        await Task.CompletedTask;
    }

    private void Load()
    {
        foreach (var (file, mapping) in new[] { ("customers.csv", "customers"), ("products.csv", "products"), ("orders.csv", "orders"), ("order-details.csv", "order-details") })
        {
            _warehouse.Load(Path.Combine(TestPaths.Dataset("northwind"), file),
                new LoadOptions(MappingPath: Path.Combine(AppContext.BaseDirectory, "Northwind", mapping + ".mapping.json")));
        }

        _warehouse.RefreshMarts();
    }

    [DatasetFact("northwind")]
    public async Task Apply_gives_net_sales_of_1_265_793_04_and_QUICK_as_the_top_customer()
    {
        Load();
        await using var host = new ODataHost(_warehouse.Database, pageSize: 100);

        var total = await host.Json("/odata/Orders?$apply=aggregate(NetAmount with sum as NetSales)");
        var top = await host.Json("/odata/Orders?$apply=groupby((AccountId),aggregate(NetAmount with sum as NetSales))&$orderby=NetSales desc&$top=1");
        var lines = await host.Json("/odata/OrderLines?$apply=aggregate(NetAmount with sum as NetSales,$count as Lines)");

        Assert.Equal(1_265_793.04m, decimal.Round(total.GetProperty("value")[0].GetProperty("NetSales").GetDecimal(), 2, MidpointRounding.AwayFromZero));
        var quick = top.GetProperty("value").EnumerateArray().Single();
        Assert.Equal(("QUICK", 110_277.31m), (quick.GetProperty("AccountId").GetString(), decimal.Round(quick.GetProperty("NetSales").GetDecimal(), 2, MidpointRounding.AwayFromZero)));
        Assert.Equal(1_265_793.04m, decimal.Round(lines.GetProperty("value")[0].GetProperty("NetSales").GetDecimal(), 2, MidpointRounding.AwayFromZero));
        Assert.Equal(2155, lines.GetProperty("value")[0].GetProperty("Lines").GetInt64());
        Assert.Equal(830, (await host.All("/odata/Orders?$select=OrderId")).Count);
        Assert.Equal(91.ToString(CultureInfo.InvariantCulture), (await host.Get("/odata/Accounts/$count")).Body);
    }
}
