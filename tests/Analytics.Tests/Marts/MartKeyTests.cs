using Analytics.Tests.Support;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Marts;

/// <summary>Every mart states its key, and after a refresh no two rows share it and no part of it is null.</summary>
public sealed class MartKeyTests : IClassFixture<MartKeyTests.SmallBook>
{
    private readonly SmallBook _book;

    public MartKeyTests(SmallBook book) => _book = book;

    /// <summary>
    /// A few accounts, a contract, orders (one invoiced), lines and tickets: enough rows for every mart to have
    /// some. A3 is A1 under another spelling (a duplicate), and A2's order of 2024 is followed by a year without one (a churn).
    /// </summary>
    public sealed class SmallBook : IDisposable
    {
        public TestWarehouse Warehouse { get; } = new();

        public SmallBook()
        {
            Warehouse.LoadText("accounts.csv", "account_id,name,region\nA1,甲方,华东\nA2,乙方,华北\nA3,甲 方,华东\n");
            Warehouse.LoadText("products.csv", "product_id,name,unit_cost\nP1,服务器,100\nP2,打印机,10\n");
            Warehouse.LoadText("contracts.csv", "contract_id,account_id,start_date,end_date,auto_renew\nC1,A1,2024-01-01,2024-12-31,true\n");
            Warehouse.LoadText("orders.csv", "order_id,account_id,order_date,amount,contract_id,invoice_date\nO1,A1,2025-01-02,,C1,2025-01-03\nO2,A2,2025-02-03,50.00,,\nO3,A2,2024-01-05,20.00,,\n");
            Warehouse.LoadText("order_lines.csv", "order_id,product_id,quantity,unit_price,unit_cost\nO1,P1,2,120,100\nO1,P2,1,12,10\n");
            Warehouse.LoadText("tickets.csv", """
                ticket_id,account_id,contract_id,kind,opened_at,first_response_at,onsite_at,engineer,site
                T1,A1,C1,phone,2025-01-06 10:00,2025-01-06 10:30,,E1,S1
                T2,A2,,maintenance,2025-01-20 14:00,,2025-01-20 14:00,E1,S2
                """);
            Warehouse.RefreshMarts();
        }

        public void Dispose() => Warehouse.Dispose();
    }

    public static TheoryData<string> Marts() => [.. MartBuilder.Models().Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Marts))]
    public void The_mart_is_unique_and_not_null_on_its_key(string mart)
    {
        var key = MartBuilder.Models().Single(m => m.Name == mart).Key;
        var columns = string.Join(", ", key.Select(SqlExtensions.Identifier));
        var notNull = string.Join(" or ", key.Select(k => $"{SqlExtensions.Identifier(k)} is null"));

        Assert.True(_book.Warehouse.Scalar<long>($"select count(*) from marts.{mart}") > 0, $"marts.{mart} is empty on the small book");
        Assert.Equal(0, _book.Warehouse.Scalar<long>($"select count(*) from (select {columns} from marts.{mart} group by all having count(*) > 1)"));
        Assert.Equal(0, _book.Warehouse.Scalar<long>($"select count(*) from marts.{mart} where {notNull}"));
    }

    [Fact]
    public void Orders_take_their_lines_sum_or_else_the_files_amount()
    {
        Assert.Equal(
            [("O1", 252m, 210m, 2L), ("O2", 50m, (decimal?)null, 0L), ("O3", 20m, (decimal?)null, 0L)],
            _book.Warehouse.Rows("select order_id, net_amount, cost_amount, line_count from marts.orders order by 1",
                r => (r.GetString(0), r.GetDecimal(1), r.IsDBNull(2) ? (decimal?)null : r.GetDecimal(2), r.GetInt64(3))));
    }

    [Fact]
    public void The_as_of_date_is_the_latest_activity_unless_a_setting_says_otherwise()
    {
        Assert.Equal(new DateOnly(2025, 2, 3), _book.Warehouse.Scalar<DateOnly>("select as_of_date from marts.as_of"));
    }
}
