using Analytics.Models.Clv;
using Analytics.Tests.Support;

namespace Analytics.Tests.Clv;

public sealed class BgNbdTests
{
    // The paper's estimates (Fader, Hardie & Lee 2005, section 4).
    private static readonly BgNbdFit Published = new(0.243, 4.414, 0.793, 2.426, -9582.4);

    // The paper's worked example (section 5): customer 1 of the sample.
    private static readonly BgNbdCustomer Example = new(2, 30.43, 38.86);

    [DatasetFact("cdnow_lifetimes")]
    public void Fitting_cdnow_reproduces_the_papers_estimates_and_log_likelihood()
    {
        var customers = CdnowSummaries.Customers();

        var fit = BgNbdModel.Fit(customers);

        Assert.Equal(2357, customers.Count);
        Assert.Equal(Published.R, fit.R, 0.01);
        Assert.Equal(Published.Alpha, fit.Alpha, 0.01);
        Assert.Equal(Published.A, fit.A, 0.01);
        Assert.Equal(Published.B, fit.B, 0.01);
        Assert.Equal(Published.LogLikelihood, fit.LogLikelihood, 0.5);
    }

    [DatasetFact("cdnow_lifetimes")]
    public void The_fits_grouped_likelihood_is_the_sum_of_every_customers_own()
    {
        var customers = CdnowSummaries.Customers();

        var fit = BgNbdModel.Fit(customers);

        Assert.Equal(customers.Sum(c => BgNbdModel.LogLikelihood(c, fit.R, fit.Alpha, fit.A, fit.B)), fit.LogLikelihood, 1e-6);
    }

    [Fact]
    public void The_papers_example_customer_expects_1_226_purchases_in_the_next_39_weeks()
    {
        // The paper's section 5 gives 1.226; mpmath's hyp2f1 gives 1.226028.
        Assert.Equal(1.226028, BgNbdModel.ConditionalExpectedPurchases(Published, Example, 39), 1e-6);
    }

    [Fact]
    public void The_papers_example_customer_is_alive_with_probability_0_727()
    {
        // By hand: 1 / (1 + 0.793/3.426 · (43.274/34.844)^2.243) = 0.72658; mpmath agrees.
        Assert.Equal(0.72658, BgNbdModel.ProbabilityAlive(Published, Example), 1e-5);
    }

    [Fact]
    public void A_customer_who_never_repeated_is_alive_for_sure()
    {
        Assert.Equal(1.0, BgNbdModel.ProbabilityAlive(Published, new BgNbdCustomer(0, 0, 38.86)));
    }

    [Fact]
    public void A_new_customer_expects_more_purchases_over_a_longer_horizon()
    {
        // Checked against mpmath's hyp2f1 with the paper's estimates.
        Assert.Equal(1.196723, BgNbdModel.ExpectedPurchases(Published, 39), 1e-6);
        Assert.Equal(1.860519, BgNbdModel.ExpectedPurchases(Published, 78), 1e-6);
    }

    [Theory]
    [InlineData(1.4547, 5.1955, 44671.97, 7876012.4, 400, 300.0, 4.348, 5.6278888493901937)]
    [InlineData(1.4547, 5.1955, 44671.97, 7876012.4, 400, 300.0, 26.09, 31.195178699850414)]
    [InlineData(1.4547, 5.1955, 44671.97, 7876012.4, 400, 300.0, 52.18, 56.891010697554844)]
    [InlineData(1.4547, 5.1955, 44671.97, 7876012.4, 30, 120.5, 4.348, 1.0846291282794849)]
    [InlineData(1.4547, 5.1955, 44671.97, 7876012.4, 30, 120.5, 52.18, 12.574388668090787)]
    [InlineData(0.243, 4.414, 0.793, 2.426, 2, 38.86, 4.0, 0.2027783864693355)]
    [InlineData(0.243, 4.414, 0.793, 2.426, 2, 38.86, 19.0, 0.89395566503939605)]
    [InlineData(0.243, 4.414, 0.793, 2.426, 2, 38.86, 39.0, 1.687399305805313)]
    public void The_expected_purchases_if_alive_match_eq_10_at_40_digits_whichever_series_computes_them(
        double r, double alpha, double a, double b, int x, double age, double t, double mpmath)
    {
        // The references are eq. 10 with mpmath's hyp2f1 at 40 digits. The first five are the 10,000-account demo's
        // fit (b in the millions: hardly anyone drops out) for a heavy and a middling buyer at month ends, computed by
        // the transformed series (t ≤ (α+T)/2); the CDNOW ones at 4 and 19 weeks too, at 39 weeks eq. 10's own series.
        var fit = new BgNbdFit(r, alpha, a, b, double.NaN);
        var customer = new BgNbdCustomer(x, 0, age);
        Span<double> byHorizon = stackalloc double[2];

        BgNbdModel.ConditionalExpectedPurchasesIfAlive(fit, customer, [t, t / 2], byHorizon);

        Assert.Equal(1.0, BgNbdModel.ConditionalExpectedPurchasesIfAlive(fit, customer, t) / mpmath, 1e-13);
        Assert.Equal(BgNbdModel.ConditionalExpectedPurchasesIfAlive(fit, customer, t), byHorizon[0]);
    }
}
