using Analytics.Models.Numerics;

namespace Analytics.Models.Clv;

/// <summary>
/// The Pareto/NBD model of repeat buying (Schmittlein, Morrison &amp; Colombo 1987), in the form of Fader &amp; Hardie's
/// notes "A Note on Deriving the Pareto/NBD Model and Related Expressions" (2005) and "A Note on Implementing the
/// Pareto/NBD Model in MATLAB" (2005). While alive a customer buys at rate λ ~ gamma(r, α) and dies at rate
/// μ ~ gamma(s, β), at any time, not only after a purchase as in BG/NBD.
/// </summary>
public static class ParetoNbdModel
{
    public static ParetoNbdFit Fit(IReadOnlyList<BgNbdCustomer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (customers.Count == 0)
        {
            throw new ArgumentException("There are no customers to fit.", nameof(customers));
        }

        var likelihood = new ParetoNbdLikelihood(customers);
        // On a book where hardly anyone drops out (the demo's key accounts), s and β run together towards infinity
        // (one dropout rate for all): the search then stops a factor e past the bound instead of crawling that ridge
        // for 20,000 steps of a likelihood that costs a pass over every distinct customer.
        var (best, estimation) = MaximumLikelihood.Fit(likelihood.Negative, [0.0, 0.0, 0.0, 0.0], ["r", "alpha", "s", "beta"], stopPastBound: true);
        return new ParetoNbdFit(Math.Exp(best[0]), Math.Exp(best[1]), Math.Exp(best[2]), Math.Exp(best[3]), estimation.LogLikelihood) { Estimation = estimation };
    }

    /// <summary>One customer's log-likelihood (note 009, eq. 22), summed in log space.</summary>
    public static double LogLikelihood(BgNbdCustomer customer, double r, double alpha, double s, double beta)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var shared = SharedByFrequency.Of(customer.Frequency, r, alpha, s, beta, manyCustomers: false);
        return LogLikelihood(customer, alpha, beta, shared, LikelihoodConstant(customer.Frequency, r, alpha, s, beta));
    }

    /// <summary>The same with the parts that depend on the parameters and x alone computed beforehand (equal to the last bit).</summary>
    internal static double LogLikelihood(BgNbdCustomer customer, double alpha, double beta, SharedByFrequency shared, double constant)
    {
        var (aliveTerm, diedTerm) = Terms(customer, alpha, beta, shared);
        return constant + SpecialFunctions.LogSumExp(aliveTerm, diedTerm);
    }

    /// <summary>
    /// The likelihood's factor common to both parts, ln Γ(r+x) − ln Γ(r) + r ln α + s ln β: the likelihood needs it,
    /// P(alive) does not (its gamma functions would cost every customer and draw of the intervals for nothing).
    /// </summary>
    internal static double LikelihoodConstant(int x, double r, double alpha, double s, double beta) =>
        SpecialFunctions.LogGamma(r + x) - SpecialFunctions.LogGamma(r) + (r * Math.Log(alpha)) + (s * Math.Log(beta));

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + (s / (r+s+x)) (α+T)^(r+x) (β+T)^s A₀) (note 009, eq. 18).</summary>
    public static double ProbabilityAlive(ParetoNbdFit fit, BgNbdCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var (aliveTerm, diedTerm) = Terms(customer, fit.Alpha, fit.Beta, SharedByFrequency.Of(customer.Frequency, fit.R, fit.Alpha, fit.S, fit.Beta, manyCustomers: false));
        return 1.0 / (1.0 + Math.Exp(diedTerm - aliveTerm));
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive) (note 009, eq. 21);
    /// at s = 1 the bracket over s − 1 becomes ln(1 + t/(β+T)).
    /// </summary>
    public static double ConditionalExpectedPurchases(ParetoNbdFit fit, BgNbdCustomer customer, double t) =>
        ConditionalExpectedPurchasesIfAlive(fit, customer, t) * ProbabilityAlive(fit, customer);

    /// <summary>The same given alive at T: λ's posterior mean times the expected time alive in t, a function of x and T alone.</summary>
    public static double ConditionalExpectedPurchasesIfAlive(ParetoNbdFit fit, BgNbdCustomer customer, double t)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(customer);
        var (x, age) = (customer.Frequency, customer.Age);
        var logShrink = Math.Log((fit.Beta + age) / (fit.Beta + age + t));
        var sMinusOne = fit.S - 1.0;
        var lifetimeFactor = Math.Abs(sMinusOne) < 1e-10 ? -logShrink : -SpecialFunctions.ExpMinusOne(sMinusOne * logShrink) / sMinusOne;
        return (fit.R + x) * (fit.Beta + age) / (fit.Alpha + age) * lifetimeFactor;
    }

    /// <summary>
    /// The likelihood's two parts in logs, without the factor common to both: alive through T,
    /// −(r+x) ln(α+T) − s ln(β+T); and died between t_x and T, ln(s/(r+s+x)) + ln A₀. A₀ is a difference of two
    /// 2F1 terms: the larger of α and β goes in the denominators, which keeps the argument z in [0, 1), and the
    /// difference is taken as ln u + ln(1 − v/u) so neither term overflows or cancels. 1 − z is passed as
    /// (smaller + t)/(larger + t): for long-lived heavy buyers z comes within 1e-4 of 1, where 1 − z rounded from z
    /// would keep only the last dozen digits.
    /// </summary>
    private static (double Alive, double Died) Terms(BgNbdCustomer customer, double alpha, double beta, SharedByFrequency shared)
    {
        var (tx, age) = (customer.Recency, customer.Age);
        var (r, s, k, b) = (shared.R, shared.S, shared.K, shared.B);
        var alive = (-(r + customer.Frequency) * Math.Log(alpha + age)) - (s * Math.Log(beta + age));
        var (larger, smaller) = alpha >= beta ? (alpha, beta) : (beta, alpha);
        double LogTerm(double t) =>
            IncompleteBetaHypergeometric.Log(k, b, (larger - smaller) / (larger + t), (smaller + t) / (larger + t), shared.LogAbsBeta) - (k * Math.Log(larger + t));
        var atLast = LogTerm(tx);
        var died = shared.LogShareOfDeath + atLast + SpecialFunctions.LogOneMinusExp(LogTerm(age) - atLast);
        return (alive, died);
    }

    /// <summary>
    /// What every customer with x repeat purchases shares at given parameters: the 2F1's k = r+s+x and b (s + 1 when
    /// α ≥ β, else r + x, so the larger of α and β goes in the denominators) with the gamma functions of its expansion
    /// about z = 1 and ln(s/k) (the likelihood's constant: <see cref="LikelihoodConstant"/>). A fit computes these
    /// once per distinct x and step instead of for each customer: their gamma functions were most of its time.
    /// </summary>
    internal readonly record struct SharedByFrequency(double R, double S, double K, double B, double LogAbsBeta, double LogShareOfDeath)
    {
        /// <param name="manyCustomers">whether many customers will share it (so the 2F1's gamma functions are computed now), or one (only if its z needs them).</param>
        public static SharedByFrequency Of(int x, double r, double alpha, double s, double beta, bool manyCustomers)
        {
            var k = r + s + x;
            var b = alpha >= beta ? s + 1 : r + x;
            var logAbsBeta = manyCustomers ? IncompleteBetaHypergeometric.LogAbsBeta(k, b) : double.NaN;
            return new SharedByFrequency(r, s, k, b, logAbsBeta, Math.Log(s / k));
        }
    }
}
