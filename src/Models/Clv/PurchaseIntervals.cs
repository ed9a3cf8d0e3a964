using Analytics.Models.Numerics;

namespace Analytics.Models.Clv;

/// <summary>
/// Intervals for the purchases customers make over a period, by parametric bootstrap: the model's parameters drawn
/// from their asymptotic normal (log scale, covariance from the Hessian), and under each draw one simulated future
/// of the customer (alive or not, its own rates from their posterior, the purchase process run forward). The
/// expectation's interval alone would be far too narrow for a realised count: a customer expected to buy 0.4 times
/// buys 0, 1 or 2 whatever the parameters.
/// </summary>
public static class PurchaseIntervals
{
    internal const double Tail = 0.05;

    public static IReadOnlyList<PurchaseInterval> Predict(IRepeatPurchaseFit fit, IReadOnlyList<BgNbdCustomer> customers, double t, int draws, int seed)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 20);
        var fits = Draws(fit, draws, new Random(seed));
        return customers.Select((customer, i) =>
        {
            var expected = fits.Select(f => f.ConditionalExpectedPurchases(customer, t)).ToArray();
            var point = fit.ConditionalExpectedPurchases(customer, t);
            var (expectedLow, expectedHigh) = Percentiles(expected, point);
            var (low, high, content) = Count(fits, [.. fits.Select(f => f.ProbabilityAlive(customer))], customer, t, CustomerStream(seed, i));
            return new PurchaseInterval(point, expectedLow, expectedHigh, low, high, content);
        }).ToList();
    }

    /// <summary>The model at each parameter draw; the fit itself every time when it has no covariance (it then carries a warning).</summary>
    internal static IRepeatPurchaseFit[] Draws(IRepeatPurchaseFit fit, int draws, Random random) =>
        fit.Estimation is { } estimation && !double.IsNaN(estimation.LogCovariance[0, 0])
            ? [.. ParameterDraws.Draw(estimation, draws, random).Select(fit.WithParameters)]
            : [.. Enumerable.Repeat(fit, draws)];

    /// <summary>Each customer simulates from its own seeded stream, so its interval does not depend on who came before.</summary>
    internal static Random CustomerStream(int seed, int index) => new(unchecked((seed * 1_000_003) + index));

    /// <summary>
    /// The 90% predictive interval of the count: its 5th and 95th percentiles over one simulated future per draw,
    /// alive at T by the draw's P(alive) (<paramref name="alive"/>, which the caller has computed already).
    /// </summary>
    internal static (int Low, int High, double Content) Count(IRepeatPurchaseFit[] fits, ReadOnlySpan<double> alive, BgNbdCustomer customer, double t, Random random)
    {
        var counts = new int[fits.Length];
        for (var d = 0; d < fits.Length; d++)
        {
            counts[d] = random.NextDouble() >= alive[d] ? 0 : fits[d].SimulatePurchasesIfAlive(customer, t, random);
        }

        Array.Sort(counts);
        var low = counts[(int)Math.Floor(Tail * counts.Length)];
        var high = counts[(int)Math.Ceiling((1 - Tail) * counts.Length) - 1];
        return (low, high, counts.Count(c => c >= low && c <= high) / (double)counts.Length);
    }

    /// <summary>
    /// The 5th and 95th percentiles (linear between order statistics). A draw with no finite value (a Gamma-Gamma
    /// draw with q + px ≤ 1 has no mean) is left out; with none left, the point value. Sorts
    /// <paramref name="values"/> in place, the finite ones first.
    /// </summary>
    internal static (double Low, double High) Percentiles(double[] values, double point)
    {
        var finite = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v) && v >= 0)
            {
                values[finite++] = v;
            }
        }

        var sorted = values.AsSpan(0, finite);
        sorted.Sort();
        return finite == 0 ? (point, point) : (At(sorted, Tail), At(sorted, 1 - Tail));
    }

    private static double At(ReadOnlySpan<double> sorted, double quantile)
    {
        var position = quantile * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
