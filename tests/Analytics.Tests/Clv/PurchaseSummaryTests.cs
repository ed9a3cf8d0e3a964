using System.Globalization;
using Analytics.Tests.Cdnow;
using Analytics.Tests.Support;
using Analytics.Warehouse.Clv;

namespace Analytics.Tests.Clv;

public sealed class PurchaseSummaryTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private IReadOnlyList<AccountPurchaseSummary> Summaries(DateOnly calibrationEnd, PurchaseTimeUnit unit)
    {
        using var connection = _warehouse.Connect();
        return PurchaseSummaries.Read(connection, calibrationEnd, unit);
    }

    [Fact]
    public void Orders_on_one_day_are_one_purchase_and_the_first_purchase_is_not_a_repeat()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nA,甲\nB,乙\nC,丙\n");
        _warehouse.LoadText("products.csv", "product_id,name\nP,打印机\n");
        _warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,amount
            1,A,2024-01-01,10.00
            2,A,2024-01-08,5.00
            3,A,2024-01-08,7.00
            4,A,2024-01-22,
            5,A,2024-03-01,100.00
            6,B,2024-01-31,3.00
            7,C,2024-02-01,4.00
            """);
        _warehouse.LoadText("order_lines.csv", "order_id,product_id,quantity,unit_price,discount\n4,P,2,4.50,0\n");

        var summaries = Summaries(new DateOnly(2024, 1, 31), PurchaseTimeUnit.Week);

        // A: 1 Jan, 8 Jan (5 + 7), 22 Jan (its line: 2 x 4.50); the order of 1 March is after the calibration end.
        Assert.Equal(
            [
                new AccountPurchaseSummary("A", 2, 3.0, 30 / 7.0, 21.00m, new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 22)) { TotalSpend = 31.00m },
                new AccountPurchaseSummary("B", 0, 0.0, 0.0, 0m, new DateOnly(2024, 1, 31), new DateOnly(2024, 1, 31)) { TotalSpend = 3.00m },
            ],
            summaries);
        Assert.Equal(10.50m, summaries[0].MeanRepeatSpend);
    }

    [Fact]
    public void Months_are_a_twelfth_of_a_julian_year()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nA,甲\n");
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date,amount\n1,A,2024-01-01,1\n2,A,2024-01-31,1\n");

        var a = Summaries(new DateOnly(2024, 12, 31), PurchaseTimeUnit.Month).Single();

        Assert.Equal(30 / 30.4375, a.Recency, 12);
        Assert.Equal(365 / 30.4375, a.Age, 12);
    }

    [DatasetFact("cdnow_lifetimes")]
    public void The_cdnow_sample_loaded_into_the_warehouse_gives_the_papers_summaries_for_all_2357_customers()
    {
        CdnowFiles.Load(_warehouse, CdnowFiles.Sample, "cdnow-sample.mapping.json");
        var expected = File.ReadLines(Path.Combine(TestPaths.Dataset("cdnow_lifetimes"), "cdnow_customers_summary_with_transactions.csv"))
            .Skip(1)
            .Select(l => l.Split(','))
            .Select(f => (Id: int.Parse(f[0], CultureInfo.InvariantCulture), X: int.Parse(f[1], CultureInfo.InvariantCulture),
                Tx: decimal.Parse(f[2], CultureInfo.InvariantCulture), T: decimal.Parse(f[3], CultureInfo.InvariantCulture),
                Zbar: decimal.Parse(f[4], CultureInfo.InvariantCulture)))
            .ToList();

        // The published file rounds to cents and hundredths of a week, half away from zero.
        var actual = Summaries(new DateOnly(1997, 9, 30), PurchaseTimeUnit.Week)
            .Select(s => (Id: int.Parse(s.AccountId, CultureInfo.InvariantCulture), X: s.Frequency,
                Tx: Round((decimal)s.Recency), T: Round((decimal)s.Age), Zbar: Round(s.MeanRepeatSpend)))
            .OrderBy(s => s.Id)
            .ToList();

        Assert.Equal(2357, actual.Count);
        Assert.Equal(expected, actual);
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
