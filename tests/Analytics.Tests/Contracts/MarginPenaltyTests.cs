using System.Globalization;
using Analytics.Tests.Support;

namespace Analytics.Tests.Contracts;

/// <summary>
/// The margin clause (利润控制在7%以下,若利润超过10%除按7%扣除超出部分,并处于该款项十倍罚金) on orders of 10,000.00 net
/// whose cost gives exactly the margin named: nothing is owed up to 10% inclusive; above it the part of profit
/// above 7% of net is deducted and ten times that part is due as well.
/// </summary>
public sealed class MarginPenaltyTests : IClassFixture<MarginPenaltyTests.MarginBook>
{
    private readonly MarginBook _book;

    public MarginPenaltyTests(MarginBook book) => _book = book;

    public sealed class MarginBook : IDisposable
    {
        public TestWarehouse Warehouse { get; } = ContractBook.Open("2025-06-30",
        [
            ("contracts.csv", """
                contract_id,account_id,start_date,end_date,margin_cap_pct,penalty_threshold_pct,auto_renew
                C7,A1,2025-01-01,2025-12-31,,,
                C5,A2,2025-01-01,2025-12-31,5,8,
                OVER,A3,2024-01-01,2024-12-31,,,no
                RENEWING,A3,2023-01-01,2023-12-31,,,yes
                """),
            ("products.csv", "product_id,name\nP1,服务器\n"),
            ("orders.csv", """
                order_id,account_id,order_date,contract_id,amount
                M069,A1,2025-05-05,C7,
                M070,A1,2025-05-06,C7,
                M0999,A1,2025-05-07,C7,
                M100,A1,2025-05-08,C7,
                M120,A1,2025-05-09,C7,
                MCENT,A1,2025-06-10,C7,
                MOWN,A2,2025-05-20,C5,
                MNOCOST,A2,2025-05-21,C5,500.00
                MPART,A2,2025-05-22,C5,
                MNONE,A3,2025-05-23,,
                MEARLY,A1,2024-12-20,C7,
                MEXPIRED,A3,2025-02-01,OVER,
                MRENEWED,A3,2025-03-03,RENEWING,
                """),
            ("order_lines.csv", """
                order_id,product_id,quantity,unit_price,unit_cost
                M069,P1,1,10000.00,9310.00
                M070,P1,1,10000.00,9300.00
                M0999,P1,1,10000.00,9001.00
                M100,P1,1,10000.00,9000.00
                M120,P1,1,10000.00,8800.00
                MCENT,P1,1,1234.56,1086.41
                MOWN,P1,1,1000.00,910.00
                MPART,P1,2,100.00,90.00
                MPART,P1,1,50.00,
                MNONE,P1,1,1000.00,880.00
                MEARLY,P1,1,1000.00,880.00
                MEXPIRED,P1,1,1000.00,880.00
                MRENEWED,P1,1,1000.00,880.00
                """),
        ]);

        public void Dispose() => Warehouse.Dispose();
    }

    private sealed record Margin(decimal? MarginPct, bool? AboveCap, bool? AbovePenaltyThreshold, decimal? Deduction, decimal? Penalty, decimal? AmountOwed);

    private Margin MarginOf(string orderId) => _book.Warehouse.Rows(
        "select margin_pct, is_above_cap, is_above_penalty_threshold, deduction, penalty, amount_owed from marts.order_margin where order_id = $1",
        r => new Margin(r.Money(0), r.YesNo(1), r.YesNo(2), r.Money(3), r.Money(4), r.Money(5)),
        orderId).Single();

    private static decimal M(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("M069", "6.9", false, false, "0", "0")]
    [InlineData("M070", "7", false, false, "0", "0")]
    [InlineData("M0999", "9.99", true, false, "0", "0")]
    [InlineData("M100", "10", true, false, "0", "0")]
    [InlineData("M120", "12", true, true, "500.00", "5000.00")]
    public void Only_a_margin_above_ten_percent_costs_the_part_above_seven_percent_plus_ten_times_it(
        string orderId, string marginPct, bool aboveCap, bool abovePenaltyThreshold, string deduction, string penalty)
    {
        Assert.Equal(
            new Margin(M(marginPct), aboveCap, abovePenaltyThreshold, M(deduction), M(penalty), M(deduction) + M(penalty)),
            MarginOf(orderId));
    }

    [Fact]
    public void The_deduction_is_rounded_to_the_cent_and_the_penalty_is_exactly_ten_times_it()
    {
        // profit 148.15 on 1,234.56; 7% of net is 86.4192, so 61.7308 is above the cap: 61.73 deducted, 617.30 fined.
        Assert.Equal(new Margin(12.0002m, true, true, 61.73m, 617.30m, 679.03m), MarginOf("MCENT"));
    }

    [Fact]
    public void The_contracts_own_cap_and_threshold_replace_the_defaults()
    {
        // 9% is above the contract's 8% threshold: 90.00 profit minus 5% of 1,000.00.
        Assert.Equal(new Margin(9m, true, true, 40.00m, 400.00m, 440.00m), MarginOf("MOWN"));
    }

    /// <summary>
    /// The cap is a term of the agreement ("乙方根据当日行情给予相应的优惠价格(利润控制在7%以下…)"): an order binds the
    /// supplier to it only under a contract in force on the order date. All four orders make 12% on 1,000.00.
    /// </summary>
    [Fact]
    public void Only_an_order_under_a_contract_in_force_on_its_date_owes_anything_for_its_margin()
    {
        var noCap = new Margin(12m, null, null, null, null, null);
        Assert.Equal(noCap, MarginOf("MNONE"));
        Assert.Equal(noCap, MarginOf("MEARLY"));
        Assert.Equal(noCap, MarginOf("MEXPIRED"));
        // RENEWING's first term ended in 2023 but it renews itself: in force, so 120.00 - 70.00 = 50.00 and 500.00.
        Assert.Equal(new Margin(12m, true, true, 50.00m, 500.00m, 550.00m), MarginOf("MRENEWED"));
    }

    [Fact]
    public void Order_margin_and_contract_month_margin_book_the_same_deductions_and_penalties_to_the_cent()
    {
        var byOrder = _book.Warehouse.Rows("select sum(deduction), sum(penalty), sum(amount_owed) from marts.order_margin",
            r => (r.GetDecimal(0), r.GetDecimal(1), r.GetDecimal(2))).Single();
        var byContractMonth = _book.Warehouse.Rows("select sum(deduction), sum(penalty), sum(amount_owed) from marts.contract_month_margin",
            r => (r.GetDecimal(0), r.GetDecimal(1), r.GetDecimal(2))).Single();

        // M120 500.00, MCENT 61.73, MOWN 40.00, MRENEWED 50.00
        Assert.Equal((651.73m, 6517.30m, 7169.03m), byOrder);
        Assert.Equal(byOrder, byContractMonth);
    }

    [Fact]
    public void Without_the_cost_of_every_line_there_is_no_margin_and_nothing_is_owed()
    {
        var unknown = new Margin(null, null, null, null, null, null);
        Assert.Equal(unknown, MarginOf("MNOCOST"));
        Assert.Equal(unknown, MarginOf("MPART"));
    }

    [Fact]
    public void A_contract_month_sums_its_orders_deductions_and_penalties()
    {
        Assert.Equal(
            [
                ("C5", new DateOnly(2025, 5, 1), 3L, 1L, 1750.00m, 90.00m, 9m, 1L, 1L, 40.00m, 400.00m, 440.00m),
                ("C7", new DateOnly(2025, 5, 1), 5L, 5L, 50000.00m, 4589.00m, 9.178m, 3L, 1L, 500.00m, 5000.00m, 5500.00m),
                ("C7", new DateOnly(2025, 6, 1), 1L, 1L, 1234.56m, 148.15m, 12.0002m, 1L, 1L, 61.73m, 617.30m, 679.03m),
                ("RENEWING", new DateOnly(2025, 3, 1), 1L, 1L, 1000.00m, 120.00m, 12m, 1L, 1L, 50.00m, 500.00m, 550.00m),
            ],
            _book.Warehouse.Rows(
                """
                select contract_id, month, orders, costed_orders, net_amount, profit, margin_pct,
                    orders_above_cap, orders_above_penalty_threshold, deduction, penalty, amount_owed
                from marts.contract_month_margin order by contract_id, month
                """,
                r => (r.GetString(0), r.Date(1)!.Value, r.GetInt64(2), r.GetInt64(3), r.GetDecimal(4), r.GetDecimal(5), r.GetDecimal(6),
                    r.GetInt64(7), r.GetInt64(8), r.GetDecimal(9), r.GetDecimal(10), r.GetDecimal(11))));
    }
}
