using Analytics.Models.Clv;
using Analytics.Warehouse.Clv;

namespace Analytics.Tests.Clv;

/// <summary>
/// CLV of the BG/NBD paper's example customer (x 2, t_x 30.43, T 38.86 weeks, repeat purchases of 22.35 on
/// average) under the published estimates. The expected values were computed independently (a separate series
/// for 2F1, in Python): E[Y] at 1, 2 and 3 months (4.348, 8.696 and 13.045 weeks) and the Gamma-Gamma mean.
/// </summary>
public sealed class ClvScoringTests
{
    private static readonly ClvFit Published = new(
        2357, 946, new BgNbdFit(0.243, 4.414, 0.793, 2.426, double.NaN), new GammaGammaFit(6.25, 3.74, 15.44, double.NaN),
        PurchaseTimeUnit.Week, new DateOnly(1997, 9, 30));

    private static readonly AccountPurchaseSummary Example = new("1", 2, 30.43, 38.86, 44.70m, new DateOnly(1997, 1, 1), new DateOnly(1997, 8, 2));

    [Fact]
    public void Three_months_at_ten_percent_a_year_are_worth_11_14()
    {
        // Σ_k (E[Y(k months)] − E[Y(k−1 months)]) / 1.1^(k/12) x 24.663714 = 11.137340.
        var value = ClvScoring.Score(Published, Example, new ClvOptions(HorizonMonths: 3, AnnualDiscountRate: 0.10));

        Assert.Equal("1", value.AccountId);
        Assert.Equal(0.458680, value.ExpectedPurchases, 1e-6);
        Assert.Equal(0.726579, value.PAlive, 1e-6);
        Assert.Equal(24.66m, value.ExpectedSpend);
        Assert.Equal(11.14m, value.Clv);
    }

    [Fact]
    public void Without_discounting_clv_is_expected_purchases_times_expected_spend()
    {
        // 0.458680 x 24.663714 = 11.312754.
        Assert.Equal(11.31m, ClvScoring.Score(Published, Example, new ClvOptions(HorizonMonths: 3, AnnualDiscountRate: 0)).Clv);
    }

    [Fact]
    public void A_margin_values_profit_instead_of_revenue()
    {
        // 0.5 x 11.137340 = 5.568670.
        Assert.Equal(5.57m, ClvScoring.Score(Published, Example, new ClvOptions(HorizonMonths: 3, AnnualDiscountRate: 0.10, Margin: 0.5)).Clv);
    }

    [Fact]
    public void An_account_that_never_bought_again_is_expected_to_spend_the_population_mean()
    {
        // p v / (q − 1) = 6.25 x 15.44 / 2.74 = 35.218978.
        var oneOff = new AccountPurchaseSummary("2", 0, 0, 38.86, 0m, new DateOnly(1997, 1, 1), new DateOnly(1997, 1, 1));

        Assert.Equal(35.22m, ClvScoring.Score(Published, oneOff, new ClvOptions()).ExpectedSpend);
    }
}
