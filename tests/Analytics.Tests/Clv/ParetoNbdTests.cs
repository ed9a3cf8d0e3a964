using Analytics.Models.Clv;
using Analytics.Tests.Support;

namespace Analytics.Tests.Clv;

public sealed class ParetoNbdTests
{
    [DatasetFact("cdnow_lifetimes")]
    public void Fitting_cdnow_reproduces_the_published_pareto_nbd_estimates_and_log_likelihood()
    {
        // Fader & Hardie, "A Note on Implementing the Pareto/NBD Model in MATLAB" (2005) and Fader, Hardie & Lee
        // (2005): r 0.55, alpha 10.58, s 0.61, beta 11.67 (0.553, 10.578, 0.606, 11.669), LL -9594.98, on the
        // 2,357 customers' 39 calibration weeks, summarised here from the transactions themselves (the lifetimes
        // summary file rounds t_x and T to two decimals, which moves the log-likelihood by 0.005).
        var fit = ParetoNbdModel.Fit(CdnowHoldout.Customers().Select(c => c.Customer).ToList());

        Assert.Equal(0.55, Math.Round(fit.R, 2));
        Assert.Equal(10.58, Math.Round(fit.Alpha, 2));
        Assert.Equal(0.61, Math.Round(fit.S, 2));
        Assert.Equal(11.67, Math.Round(fit.Beta, 2));
        Assert.Equal(0.553, Math.Round(fit.R, 3));
        Assert.Equal(0.606, Math.Round(fit.S, 3));
        Assert.Equal(-9594.98, Math.Round(fit.LogLikelihood, 2));
        Assert.Equal(-9594.98, ParetoNbdModel.Fit(CdnowSummaries.Customers()).LogLikelihood, 0.01);
    }

    [DatasetFact("cdnow_lifetimes")]
    public void The_standard_errors_from_the_numerical_hessian_match_an_independent_implementations()
    {
        // CLVTools (R, analytic-gradient optimx fit; tests/testthat/test_correctness_pnbd.R) gives for CDNOW:
        // r 0.0476264, alpha 0.8427222, s 0.1872594, beta 6.2105448.
        var estimation = ParetoNbdModel.Fit(CdnowSummaries.Customers()).Estimation!;

        Assert.Equal(["r", "alpha", "s", "beta"], estimation.Names);
        Assert.Equal(0.0476264, estimation.StandardErrors[0], 0.0476264 * 0.02);
        Assert.Equal(0.8427222, estimation.StandardErrors[1], 0.8427222 * 0.02);
        Assert.Equal(0.1872594, estimation.StandardErrors[2], 0.1872594 * 0.02);
        Assert.Equal(6.2105448, estimation.StandardErrors[3], 6.2105448 * 0.02);
    }

    [DatasetFact("cdnow_lifetimes")]
    public void The_fit_is_the_same_to_the_last_bit_twice_and_its_log_likelihood_is_every_customers_summed()
    {
        // The fit sums the likelihood over the cores in chunks, with the gamma functions computed once per distinct
        // x: the same book twice gives the same parameters to the last bit, and the result is the plain sum of each
        // customer's log-likelihood (which computes every gamma function afresh), up to the order of the additions.
        var customers = CdnowSummaries.Customers();
        Assert.True(customers.Distinct().Count() > 1_000, "several chunks of distinct customers");

        var (first, second) = (ParetoNbdModel.Fit(customers), ParetoNbdModel.Fit(customers));

        Assert.Equal((first.R, first.Alpha, first.S, first.Beta, first.LogLikelihood), (second.R, second.Alpha, second.S, second.Beta, second.LogLikelihood));
        Assert.Equal(first.Estimation!.StandardErrors, second.Estimation!.StandardErrors);
        var summed = customers.Sum(c => ParetoNbdModel.LogLikelihood(c, first.R, first.Alpha, first.S, first.Beta));
        Assert.Equal(summed, first.LogLikelihood, 1e-8);
    }

    [Fact]
    public void A_book_with_one_dropout_rate_for_all_stops_the_search_past_the_bound_and_says_so()
    {
        // Drawn by hand from the model's limit: λ ~ exponential(mean 1/5) (r = 1, α = 5), every customer's lifetime
        // exponential with the same μ = 0.01, 52 weeks observed. On this sample the maximum lies inside, at s 3.1 and
        // β 291 (407 steps with or without the stop), but along a direction so flat that s and β are not identified:
        // the fit says so, and still finds the dropout rate and r. (The stop itself: the next test.)
        var customers = BookOf(random => -Math.Log(1 - random.NextDouble()) / 0.01);

        var fit = ParetoNbdModel.Fit(customers);

        Assert.True(fit.Estimation!.Convergence.Iterations < 2_000, $"{fit.Estimation.Convergence.Iterations} iterations");
        Assert.Contains(fit.Estimation.Convergence.Warnings, w => w.StartsWith("beta ran towards a bound", StringComparison.Ordinal));
        Assert.Equal(0.01, fit.S / fit.Beta, 0.003);
        Assert.Equal(1.0, fit.R, 0.2);
    }

    [Fact]
    public void A_book_whose_lifetimes_vary_less_than_one_rate_allows_stops_past_the_bound_in_a_few_hundred_steps_at_the_limits_fit()
    {
        // Lifetimes Erlang(2, 0.02) (two exponential stages, mean 100 weeks) vary less than an exponential, and a gamma
        // mix of dropout rates only adds variation: the likelihood's supremum is the limit of one rate for all (s, β → ∞
        // with s/β fixed), as on the demo's books. Without the stop the search crawled that ridge to its cap: 20,340
        // steps (673 s on a busy machine), ending at s/β = 0.0055370 and log-likelihood −64,632.2372. With it, the
        // same dropout rate and log-likelihood in a few hundred steps at most.
        var customers = BookOf(random => (-Math.Log(1 - random.NextDouble()) - Math.Log(1 - random.NextDouble())) / 0.02);

        var fit = ParetoNbdModel.Fit(customers);

        Assert.True(fit.Estimation!.Convergence.Iterations < 1_000, $"{fit.Estimation.Convergence.Iterations} iterations");
        Assert.Contains(fit.Estimation.Convergence.Warnings, w => w.Contains("ran towards a bound", StringComparison.Ordinal));
        Assert.Equal(0.0055370, fit.S / fit.Beta, 0.0055370 * 0.005);
        Assert.Equal(-64_632.2372, fit.LogLikelihood, 0.01);
        // The limit itself: e^4 further along the ridge (s and β both 55 times larger) the likelihood rises by less than 0.01.
        var further = customers.Sum(c => ParetoNbdModel.LogLikelihood(c, fit.R, fit.Alpha, fit.S * Math.Exp(4), fit.Beta * Math.Exp(4)));
        Assert.InRange(further - fit.LogLikelihood, -0.01, 0.01);
    }

    [DatasetFact("cdnow_lifetimes")]
    public void Every_fit_reports_its_convergence_and_cdnows_converge_without_warnings()
    {
        var customers = CdnowSummaries.Customers();

        foreach (var convergence in new[] { ParetoNbdModel.Fit(customers).Estimation!.Convergence, BgNbdModel.Fit(customers).Estimation!.Convergence,
                     GammaGammaModel.Fit(CdnowSummaries.Spenders()).Estimation!.Convergence })
        {
            Assert.True(convergence.Iterations > 50, $"{convergence.Iterations} iterations");
            Assert.True(convergence.GradientNorm < 0.01, $"gradient norm {convergence.GradientNorm}");
            Assert.Empty(convergence.Warnings);
        }
    }

    [Fact]
    public void A_customer_who_bought_on_the_last_day_is_alive_and_one_long_silent_is_likely_gone()
    {
        var fit = new ParetoNbdFit(0.553, 10.578, 0.606, 11.669, double.NaN);

        Assert.Equal(1.0, fit.ProbabilityAlive(new BgNbdCustomer(3, 38.86, 38.86)), 12);
        Assert.True(fit.ProbabilityAlive(new BgNbdCustomer(10, 2.0, 38.86)) < 0.05);
    }

    [Theory]
    [InlineData(0, 0.0, 38.86)]
    [InlineData(2, 30.43, 38.86)]
    [InlineData(7, 35.0, 38.86)]
    [InlineData(4, 10.0, 38.86)]
    [InlineData(1500, 99.9, 100.0)]
    public void Simulated_futures_average_to_the_conditional_expectation(int x, double recency, double age)
    {
        // The simulation (alive by P(alive), rates from their posterior, Poisson purchases until the exponential
        // death, or for BG/NBD until the geometric last purchase) and the closed form E[Y(t) | x, t_x, T] are derived
        // separately: their agreement checks both. The heavy buyer's Poisson means pass 500, where they are split.
        var customer = new BgNbdCustomer(x, recency, age);
        var random = new Random(7);
        foreach (IRepeatPurchaseFit fit in new IRepeatPurchaseFit[] { new ParetoNbdFit(0.553, 10.578, 0.606, 11.669, double.NaN), new BgNbdFit(0.243, 4.414, 0.793, 2.426, double.NaN) })
        {
            var counts = Enumerable.Range(0, 40_000).Select(_ => (double)fit.SimulatePurchases(customer, 39, random)).ToArray();
            var mean = counts.Average();
            var standardError = Math.Sqrt(counts.Select(c => (c - mean) * (c - mean)).Sum() / (counts.Length - 1) / counts.Length);

            Assert.Equal(fit.ConditionalExpectedPurchases(customer, 39), mean, 4 * standardError);
        }
    }

    [Theory]
    [InlineData(2, 38.86)]
    [InlineData(7, 20.0)]
    public void The_expectation_given_alive_depends_on_x_and_T_alone_and_times_P_alive_is_the_conditional_expectation(int x, double age)
    {
        // The CLV intervals compute the monthly expectations once per (x, T) and draw and scale each account's by
        // its own P(alive): both halves of that are checked here, in both models, at recencies far apart.
        foreach (IRepeatPurchaseFit fit in new IRepeatPurchaseFit[] { new ParetoNbdFit(0.553, 10.578, 0.606, 11.669, double.NaN), new BgNbdFit(0.243, 4.414, 0.793, 2.426, double.NaN) })
        {
            var (early, late) = (new BgNbdCustomer(x, 1.0, age), new BgNbdCustomer(x, age - 0.5, age));
            Assert.Equal(fit.ConditionalExpectedPurchasesIfAlive(early, 39), fit.ConditionalExpectedPurchasesIfAlive(late, 39));
            Assert.True(fit.ProbabilityAlive(early) < 0.5 * fit.ProbabilityAlive(late));
            foreach (var customer in new[] { early, late })
            {
                Assert.Equal(fit.ConditionalExpectedPurchases(customer, 39), fit.ConditionalExpectedPurchasesIfAlive(customer, 39) * fit.ProbabilityAlive(customer), 12);
            }
        }
    }

    /// <summary>3,000 customers observed for 52 weeks, buying at rates λ ~ exponential(mean 1/5) until their lifetime ends.</summary>
    private static List<BgNbdCustomer> BookOf(Func<Random, double> lifetime)
    {
        var random = new Random(19);
        return Enumerable.Range(0, 3_000).Select(_ =>
        {
            var lambda = -Math.Log(1 - random.NextDouble()) / 5;
            var end = Math.Min(52, lifetime(random));
            var (x, last, t) = (0, 0.0, 0.0);
            while ((t += -Math.Log(1 - random.NextDouble()) / lambda) < end)
            {
                (x, last) = (x + 1, t);
            }

            return new BgNbdCustomer(x, last, 52);
        }).ToList();
    }
}
