using Analytics.Models.Numerics;
using Analytics.Warehouse.Clv;

namespace Analytics.Models.Clv;

/// <summary>
/// Each account's 90% intervals over the CLV horizon, by the parametric bootstrap of <see cref="PurchaseIntervals"/>
/// with Gamma-Gamma's parameters drawn too: expected purchases and CLV recomputed under every draw (5th and 95th
/// percentiles), and the predictive interval of the purchases the account will make. Deterministic: the draws come
/// from <see cref="ClvOptions.IntervalSeed"/>, each account's simulation from its own seeded stream, so spreading
/// the accounts over the cores changes nothing.
/// </summary>
internal static class ClvIntervals
{
    public static AccountValue[] Attach(ClvFit fit, IReadOnlyList<AccountPurchaseSummary> summaries, IReadOnlyList<GammaGammaCustomer> spenders,
        IReadOnlyList<AccountValue> values, ClvOptions options)
    {
        var draws = options.IntervalDraws;
        var random = new Random(options.IntervalSeed);
        var purchases = PurchaseIntervals.Draws(fit.Purchases, draws, random);
        var spend = fit.GammaGamma.Estimation is { } estimation && !double.IsNaN(estimation.LogCovariance[0, 0])
            ? ParameterDraws.Draw(estimation, draws, random).Select(p => new GammaGammaFit(p[0], p[1], p[2], double.NaN)).ToArray()
            : [.. Enumerable.Repeat(fit.GammaGamma, draws)];
        var horizon = MonthlyHorizon.Of(fit, options);
        var months = options.HorizonMonths * (PurchaseTimeUnits.DaysPerMonth / fit.Unit.Days());
        var customers = summaries.Select(ClvModel.BgNbdCustomerOf).ToArray();

        // The monthly expectations (a 2F1 series each for BG/NBD, the months' sharing their terms) are the cost.
        // Given alive they depend on x and T alone, which many accounts share, so they are computed once per (x, T)
        // and draw; an account's own are those times its P(alive) under the draw.
        var ifAlive = customers.DistinctBy(c => (c.Frequency, c.Age))
            .ToDictionary(c => (c.Frequency, c.Age), c => new (double Horizon, double Discounted)[draws]);
        Parallel.ForEach(ifAlive, pair =>
        {
            var representative = new BgNbdCustomer(pair.Key.Frequency, 0, pair.Key.Age);
            for (var d = 0; d < draws; d++)
            {
                pair.Value[d] = horizon.Sum(purchases[d], representative, 1.0);
            }
        });

        var result = new AccountValue[summaries.Count];
        Parallel.For(0, summaries.Count, i =>
        {
            var customer = customers[i];
            var spender = spenders[i];
            var monthly = ifAlive[(customer.Frequency, customer.Age)];
            var expected = new double[draws];
            var clv = new double[draws];
            var alive = new double[draws];
            for (var d = 0; d < draws; d++)
            {
                alive[d] = purchases[d].ProbabilityAlive(customer);
                expected[d] = monthly[d].Horizon * alive[d];
                clv[d] = options.Margin * GammaGammaModel.ConditionalExpectedMeanSpend(spend[d], spender) * (monthly[d].Discounted * alive[d]);
            }

            var (low, high, content) = PurchaseIntervals.Count(purchases, alive, customer, months, PurchaseIntervals.CustomerStream(options.IntervalSeed, i));
            var (expectedLow, expectedHigh) = PurchaseIntervals.Percentiles(expected, values[i].ExpectedPurchases);
            var (clvLow, clvHigh) = PurchaseIntervals.Percentiles(clv, (double)values[i].Clv);
            result[i] = values[i] with
            {
                Interval = new ValueInterval(expectedLow, expectedHigh, low, high, content, ClvScoring.Money(clvLow), ClvScoring.Money(clvHigh)),
            };
        });

        return result;
    }
}
