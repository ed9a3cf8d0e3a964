using Analytics.Tests.Support;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Marts;

public sealed class OrdersMartTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public void An_orders_cost_is_unknown_when_any_of_its_lines_has_no_cost()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nA1,甲方\n");
        _warehouse.LoadText("products.csv", "product_id,name\nP1,服务器\nP2,打印机\n");
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date\nO1,A1,2025-01-02\nO2,A1,2025-01-03\n");
        _warehouse.LoadText("order_lines.csv", "order_id,product_id,quantity,unit_price,unit_cost,discount\nO1,P1,2,120,100,0.25\nO1,P2,1,12,,0\nO2,P1,3,9.99,8.50,0.1\n");
        _warehouse.RefreshMarts();

        Assert.Equal(
            [("O1", 192.00m, (decimal?)null), ("O2", 26.973m, 25.50m)],
            _warehouse.Rows("select order_id, net_amount, cost_amount from marts.orders order by 1",
                r => (r.GetString(0), r.GetDecimal(1), r.IsDBNull(2) ? (decimal?)null : r.GetDecimal(2))));
    }
}
