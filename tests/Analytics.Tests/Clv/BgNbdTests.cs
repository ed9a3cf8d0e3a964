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
}
