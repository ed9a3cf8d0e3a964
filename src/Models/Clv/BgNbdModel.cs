using Analytics.Models.Numerics;
namespace Analytics.Models.Clv;

/// <summary>
/// The BG/NBD model of repeat buying (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the Easy Way"):
/// maximum-likelihood fit and the expectations the paper derives from it.
/// </summary>
public static class BgNbdModel
{
    public static BgNbdFit Fit(IReadOnlyList<BgNbdCustomer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (customers.Count == 0)
        {
            throw new ArgumentException("There are no customers to fit.", nameof(customers));
        }

        // Summaries repeat a lot (every one-off buyer of a cohort week is the same triple), so each distinct
        // triple is evaluated once and weighted by its count. The gamma and beta functions depend on x alone,
        // and x takes few values, so they are evaluated once per x: a customer then costs two logs and an exp.
        var groups = customers
            .GroupBy(c => c)
            .GroupBy(g => g.Key.Frequency)
            .Select(byX => new HistoryGroup(
                byX.Key,
                byX.Select(g => g.Key.Recency).ToArray(),
                byX.Select(g => g.Key.Age).ToArray(),
                byX.Select(g => (double)g.Count()).ToArray()))
            .ToArray();

        double NegativeLogLikelihood(double[] logParameters)
        {
            var (r, alpha, a, b) = (Math.Exp(logParameters[0]), Math.Exp(logParameters[1]), Math.Exp(logParameters[2]), Math.Exp(logParameters[3]));
            var logBetaAB = SpecialFunctions.LogBeta(a, b);
            var logGammaR = SpecialFunctions.LogGamma(r);
            var total = 0.0;
            foreach (var g in groups)
            {
                var x = g.Frequency;
                var shared = SpecialFunctions.LogGamma(r + x) - logGammaR + (r * Math.Log(alpha));
                var aliveThroughT = SpecialFunctions.LogBeta(a, b + x) - logBetaAB;
                var droppedAfterLast = x == 0 ? 0.0 : SpecialFunctions.LogBeta(a + 1, b + x - 1) - logBetaAB;
                for (var i = 0; i < g.Weights.Length; i++)
                {
                    var logAlphaT = Math.Log(alpha + g.Ages[i]);
                    var rates = shared - ((r + x) * logAlphaT);
                    total += g.Weights[i] * (x == 0
                        ? rates + aliveThroughT
                        : rates + SpecialFunctions.LogSumExp(aliveThroughT, droppedAfterLast + ((r + x) * (logAlphaT - Math.Log(alpha + g.Recencies[i])))));
                }
            }

            return -total;
        }

        var (best, estimation) = MaximumLikelihood.Fit(NegativeLogLikelihood, [0.0, 0.0, 0.0, 0.0], ["r", "alpha", "a", "b"]);
        return new BgNbdFit(Math.Exp(best[0]), Math.Exp(best[1]), Math.Exp(best[2]), Math.Exp(best[3]), estimation.LogLikelihood) { Estimation = estimation };
    }

    /// <summary>The distinct customers with one frequency: their recencies, ages and counts.</summary>
    private sealed record HistoryGroup(int Frequency, double[] Recencies, double[] Ages, double[] Weights);

    /// <summary>One customer's log-likelihood (the paper's eq. 6).</summary>
    public static double LogLikelihood(BgNbdCustomer customer, double r, double alpha, double a, double b)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var (x, tx, t) = (customer.Frequency, customer.Recency, customer.Age);
        var logBetaAB = SpecialFunctions.LogBeta(a, b);
        var rates = SpecialFunctions.LogGamma(r + x) - SpecialFunctions.LogGamma(r) + (r * Math.Log(alpha)) - ((r + x) * Math.Log(alpha + t));
        var aliveThroughT = SpecialFunctions.LogBeta(a, b + x) - logBetaAB;
        if (x == 0)
        {
            return rates + aliveThroughT;
        }

        // The second term's ((α+T)/(α+t_x))^(r+x) overflows for long-lapsed heavy buyers; sum in log space.
        var droppedAfterLast = SpecialFunctions.LogBeta(a + 1, b + x - 1) - logBetaAB + ((r + x) * Math.Log((alpha + t) / (alpha + tx)));
        return rates + SpecialFunctions.LogSumExp(aliveThroughT, droppedAfterLast);
    }

    /// <summary>E[X(t)]: expected purchases in (0, t] by a customer just acquired (the paper's eq. 7).</summary>
    public static double ExpectedPurchases(BgNbdFit fit, double t)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var (r, alpha, a, b) = (fit.R, fit.Alpha, fit.A, fit.B);
        var hypergeometric = SpecialFunctions.Hypergeometric2F1(r, b, a + b - 1, t / (alpha + t));
        return (a + b - 1) / (a - 1) * (1 - (Math.Pow(alpha / (alpha + t), r) * hypergeometric));
    }

    /// <summary>E[Y(t) | x, t_x, T]: expected purchases in the next t by a customer with this history (eq. 10).</summary>
    public static double ConditionalExpectedPurchases(BgNbdFit fit, BgNbdCustomer customer, double t) =>
        ConditionalExpectedPurchasesIfAlive(fit, customer, t) * ProbabilityAlive(fit, customer);

    /// <summary>Eq. 10's numerator: E[Y(t)] given alive at T, a function of x and T alone.</summary>
    public static double ConditionalExpectedPurchasesIfAlive(BgNbdFit fit, BgNbdCustomer customer, double t)
    {
        Span<double> expected = stackalloc double[1];
        ConditionalExpectedPurchasesIfAlive(fit, customer, [t], expected);
        return expected[0];
    }

    /// <summary>
    /// The same at several horizons at once (each month's end), sharing the series' terms: eq. 10's
    /// <code>
    /// (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]
    /// </code>
    /// or, where every t is shorter than α+T, the same after Pfaff's transformation (<see cref="NearTermSeries"/>) when
    /// that converges within its cap.
    /// </summary>
    public static void ConditionalExpectedPurchasesIfAlive(BgNbdFit fit, BgNbdCustomer customer, ReadOnlySpan<double> times, Span<double> expected)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(customer);
        var (r, alpha, a, b) = (fit.R, fit.Alpha, fit.A, fit.B);
        var (x, age) = (customer.Frequency, customer.Age);
        var longest = 0.0;
        foreach (var t in times)
        {
            longest = Math.Max(longest, t);
        }

        if (longest < alpha + age && NearTermSeries(fit, customer, times, expected))
        {
            return;
        }

        Span<double> z = stackalloc double[times.Length];
        for (var i = 0; i < times.Length; i++)
        {
            z[i] = times[i] / (alpha + age + times[i]);
        }

        SpecialFunctions.Hypergeometric2F1(r + x, b + x, a + b + x - 1, z, expected);
        for (var i = 0; i < times.Length; i++)
        {
            expected[i] = (a + b + x - 1) / (a - 1) * (1 - (Math.Pow((alpha + age) / (alpha + age + times[i]), r + x) * expected[i]));
        }
    }

    /// <summary>
    /// Pfaff's transformation 2F1(A, B; C; z) = (1−z)^−A · 2F1(A, C−B; C; z/(z−1)) turns eq. 10's bracket into
    /// 1 − 2F1(r+x, a−1; a+b+x−1; −t/(α+T)): the power before the 2F1 cancels, and so does the leading 1, leaving
    /// <code>
    /// E[Y(t) | alive at T] = (r+x)·t/(α+T) · Σ_n c_n·(−t/(α+T))^n,  c_0 = 1,  c_(n+1) = c_n·(r+x+1+n)(a+n)/((a+b+x+n)(n+2))
    /// </code>
    /// (the first term is t times λ's posterior mean; the rest is the dropout). Exact like eq. 10, without its
    /// cancellation (1 minus a number near 1) or its division by a − 1. Its terms alternate and shrink in the end
    /// geometrically by t/(α+T) (within the cap of 100 terms when that is at most 1/2), and from the start when a is
    /// small beside a+b+x: on books where hardly anyone drops out (b in the millions) a dozen terms instead of the
    /// hundreds eq. 10's series takes for a heavy buyer, whose terms first grow by about (r+x)·z. False (nothing
    /// written) where it has not converged within the cap, or its terms grew so much that their alternating sum would
    /// lose more than four bits to rounding: eq. 10's series then serves, after at most 100 terms spent here.
    /// </summary>
    private static bool NearTermSeries(BgNbdFit fit, BgNbdCustomer customer, ReadOnlySpan<double> times, Span<double> expected)
    {
        var (r, alpha, a, b) = (fit.R, fit.Alpha, fit.A, fit.B);
        var (x, age) = (customer.Frequency, customer.Age);
        var n = times.Length;
        Span<double> w = stackalloc double[n];
        Span<double> terms = stackalloc double[n];
        Span<double> sums = stackalloc double[n];
        Span<double> magnitudes = stackalloc double[n];
        for (var i = 0; i < n; i++)
        {
            (w[i], terms[i], sums[i], magnitudes[i]) = (-times[i] / (alpha + age), 1.0, 1.0, 1.0);
        }

        Span<bool> converged = stackalloc bool[n];
        var open = n;
        for (var k = 0; k < 100 && open > 0; k++)
        {
            var ratio = (r + x + 1 + k) * (a + k) / ((a + b + x + k) * (k + 2));
            for (var i = 0; i < n; i++)
            {
                if (converged[i])
                {
                    continue;
                }

                terms[i] *= ratio * w[i];
                sums[i] += terms[i];
                magnitudes[i] += Math.Abs(terms[i]);
                if (Math.Abs(terms[i]) <= 1e-16 * Math.Abs(sums[i]))
                {
                    converged[i] = true;
                    open--;
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (open > 0 || !(magnitudes[i] <= 16 * sums[i]))
            {
                return false;
            }
        }

        for (var i = 0; i < n; i++)
        {
            expected[i] = (r + x) * times[i] / (alpha + age) * sums[i];
        }

        return true;
    }

    /// <summary>P(alive | x, t_x, T): the chance the customer has not yet dropped out (Fader, Hardie &amp; Lee's note, eq. 2).</summary>
    public static double ProbabilityAlive(BgNbdFit fit, BgNbdCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.Frequency == 0)
        {
            // The model lets a customer drop out only right after a purchase, so one who never repeated is alive.
            return 1.0;
        }

        var (r, alpha, a, b) = (fit.R, fit.Alpha, fit.A, fit.B);
        var (x, tx, t) = (customer.Frequency, customer.Recency, customer.Age);
        var logOdds = Math.Log(a / (b + x - 1)) + ((r + x) * Math.Log((alpha + t) / (alpha + tx)));
        return 1 / (1 + Math.Exp(logOdds));
    }
}
