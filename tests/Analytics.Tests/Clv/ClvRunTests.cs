using Analytics.Models.Clv;
using Analytics.Tests.Cdnow;
using Analytics.Tests.Support;

namespace Analytics.Tests.Clv;

/// <summary>The scoring entry point the scoring pass calls: fit as of a day, then every account's value.</summary>
public sealed class ClvRunTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    [DatasetFact("cdnow_lifetimes")]
    public void Valuing_the_cdnow_sample_after_week_39_gives_every_customer_a_value()
    {
        CdnowFiles.Load(_warehouse, CdnowFiles.Sample, "cdnow-sample.mapping.json");
        using var connection = _warehouse.Connect();

        var scores = ClvScoring.Run(connection, new DateOnly(1997, 9, 30), new ClvOptions(HorizonMonths: 3, AnnualDiscountRate: 0.10));

        Assert.NotNull(scores);
        Assert.Equal(2357, scores.Accounts.Count);
        var first = scores.Accounts.Single(a => a.AccountId == "0001");

        // Customer 1 under the published estimates (ClvScoringTests): 0.458680 purchases, alive 0.726579, 24.66 a
        // purchase, 11.14 over three months. The warehouse's own fit lies within 0.01 of those estimates.
        Assert.Equal(0.458680, first.ExpectedPurchases, 0.001);
        Assert.Equal(0.726579, first.PAlive, 0.001);
        Assert.InRange(first.ExpectedSpend, 24.64m, 24.68m);
        Assert.InRange(first.Clv, 11.12m, 11.16m);
    }

    [Fact]
    public void A_warehouse_without_repeat_buyers_has_nothing_to_value()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nA,甲\n");
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date,amount\n1,A,2024-01-01,5\n");
        using var connection = _warehouse.Connect();

        Assert.Null(ClvScoring.Run(connection, new DateOnly(2024, 6, 30), new ClvOptions()));
    }
}
