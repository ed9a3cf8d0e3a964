using Analytics.Models.Numerics;
using Analytics.Warehouse.Clv;

namespace Analytics.Models.Clv;

/// <summary>
/// Each account's 90% intervals over the CLV horizon, by the parametric bootstrap of <see cref="PurchaseIntervals"/>
/// with Gamma-Gamma's parameters drawn too: expected purchases and CLV recomputed under every draw (5th and 95th
/// percentiles), and the predictive interval of the purchases the account will make. Deterministic: the draws come
/// from <see cref="ClvOptions.IntervalSeed"/>, each account's simulation from its own seeded stream.
/// </summary>
internal static class ClvIntervals
{
    public static AccountValue[] Attach(ClvFit fit, IReadOnlyList<AccountPurchaseSummary> summaries, IReadOnlyList<AccountValue> values, ClvOptions options)
    {
        var draws = options.IntervalDraws;
        var random = new Random(options.IntervalSeed);
        var purchases = PurchaseIntervals.Draws(fit.Purchases, draws, random);
        var spend = fit.GammaGamma.Estimation is { } estimation && !double.IsNaN(estimation.LogCovariance[0, 0])
            ? ParameterDraws.Draw(estimation, draws, random).Select(p => new GammaGammaFit(p[0], p[1], p[2], double.NaN)).ToArray()
            : [.. Enumerable.Repeat(fit.GammaGamma, draws)];
        var month = PurchaseTimeUnits.DaysPerMonth / fit.Unit.Days();

        var result = new AccountValue[summaries.Count];
        for (var i = 0; i < summaries.Count; i++)
        {
            var customer = ClvModel.BgNbdCustomerOf(summaries[i]);
            var spender = ClvModel.GammaGammaCustomerOf(summaries[i]);
            var expected = new double[draws];
            var clv = new double[draws];
            for (var d = 0; d < draws; d++)
            {
                var (e, discounted, meanSpend) = ClvScoring.Value(purchases[d], spend[d], customer, spender, month, options);
                expected[d] = e;
                clv[d] = options.Margin * meanSpend * discounted;
            }

            var (low, high, content) = PurchaseIntervals.Count(purchases, customer, options.HorizonMonths * month,
                PurchaseIntervals.CustomerStream(options.IntervalSeed, i));
            var (expectedLow, expectedHigh) = PurchaseIntervals.Percentiles(expected, values[i].ExpectedPurchases);
            var (clvLow, clvHigh) = PurchaseIntervals.Percentiles(clv, (double)values[i].Clv);
            result[i] = values[i] with
            {
                Interval = new ValueInterval(expectedLow, expectedHigh, low, high, content, ClvScoring.Money(clvLow), ClvScoring.Money(clvHigh)),
            };
        }

        return result;
    }
}
