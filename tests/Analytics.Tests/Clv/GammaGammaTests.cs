using Analytics.Models.Clv;
using Analytics.Tests.Support;

namespace Analytics.Tests.Clv;

public sealed class GammaGammaTests
{
    [DatasetFact("cdnow_lifetimes")]
    public void Fitting_the_cdnow_repeat_customers_reproduces_the_published_estimates()
    {
        var spenders = CdnowSummaries.Spenders();

        var fit = GammaGammaModel.Fit(spenders);

        Assert.Equal(946, spenders.Count(c => c.Frequency > 0));
        Assert.Equal(6.25, fit.P, 0.01);
        Assert.Equal(3.74, fit.Q, 0.01);
        Assert.Equal(15.44, fit.V, 0.01);
    }

    [DatasetFact("cdnow_lifetimes")]
    public void The_fits_grouped_likelihood_is_the_sum_of_every_repeat_customers_own()
    {
        var spenders = CdnowSummaries.Spenders();

        var fit = GammaGammaModel.Fit(spenders);

        Assert.Equal(spenders.Where(c => c.Frequency > 0).Sum(c => GammaGammaModel.LogLikelihood(c, fit.P, fit.Q, fit.V)), fit.LogLikelihood, 1e-6);
    }

    [Fact]
    public void A_two_purchase_customer_spending_22_35_is_expected_to_spend_24_66()
    {
        // By hand with the published estimates: 6.25 · (15.44 + 2 · 22.35) / (2 · 6.25 + 3.74 − 1) = 24.66371.
        var fit = new GammaGammaFit(6.25, 3.74, 15.44, double.NaN);

        Assert.Equal(24.66371, GammaGammaModel.ConditionalExpectedMeanSpend(fit, new GammaGammaCustomer(2, 22.35)), 1e-5);
    }
}
