namespace Analytics.Models.Numerics;

/// <summary>The few special functions the value models need; .NET has none of them.</summary>
public static class SpecialFunctions
{
    // Lanczos g = 7, n = 9 (Numerical Recipes / Boost): relative error near 1e-15 for x >= 0.5.
    private const double LanczosG = 7.0;

    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        if (x < 0.5)
        {
            // The Lanczos sum loses accuracy near 0; the reflection formula moves the argument above 1/2.
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        var z = x - 1;
        var sum = LanczosCoefficients[0];
        for (var i = 1; i < LanczosCoefficients.Length; i++)
        {
            sum += LanczosCoefficients[i] / (z + i);
        }

        var t = z + LanczosG + 0.5;
        return HalfLogTwoPi + ((z + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>
    /// ln Γ(x + c) − ln Γ(x), without the cancellation of two large logarithms (at x = 1,000 their difference would
    /// lose three digits): the Lanczos sums' difference is taken term by term.
    /// </summary>
    public static double LogGammaDifference(double x, double c)
    {
        if (x < 0.5 || x + c < 0.5)
        {
            return LogGamma(x + c) - LogGamma(x);
        }

        var sum = LanczosCoefficients[0];
        var difference = 0.0;
        for (var i = 1; i < LanczosCoefficients.Length; i++)
        {
            sum += LanczosCoefficients[i] / (x - 1 + i);
            difference -= LanczosCoefficients[i] / ((x - 1 + i) * (x - 1 + i + c));
        }

        var t = x - 1 + LanczosG + 0.5;
        return ((x - 0.5) * LogOnePlus(c / t)) + (c * Math.Log(t + c)) - c + LogOnePlus(c * difference / sum);
    }

    /// <summary>ln B(a, b) for a, b &gt; 0.</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>
    /// The Gauss hypergeometric function 2F1(a, b; c; z) by its power series, for 0 &lt;= z &lt; 1
    /// (the only range the BG/NBD expectations use).
    /// </summary>
    public static double Hypergeometric2F1(double a, double b, double c, double z)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(z, 1.0);
        var term = 1.0;
        var sum = 1.0;
        for (var n = 0; n < 100_000; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.Abs(term) <= 1e-15 * Math.Abs(sum))
            {
                return sum;
            }
        }

        throw new InvalidOperationException($"2F1({a}, {b}; {c}; {z}) did not converge.");
    }

    /// <summary>
    /// The same series at several arguments at once (a horizon's month ends): the ratio of successive terms, with its
    /// division, is shared, so each argument costs two multiplications and an addition per term. Each result equals
    /// the single-argument series' to the last bit.
    /// </summary>
    public static void Hypergeometric2F1(double a, double b, double c, ReadOnlySpan<double> z, Span<double> result)
    {
        Span<double> terms = stackalloc double[z.Length];
        for (var i = 0; i < z.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(z[i]);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(z[i], 1.0);
            terms[i] = 1.0;
            result[i] = 1.0;
        }

        Span<bool> converged = stackalloc bool[z.Length];
        var open = z.Length;
        for (var n = 0; n < 100_000 && open > 0; n++)
        {
            var ratio = (a + n) * (b + n) / ((c + n) * (n + 1));
            for (var i = 0; i < z.Length; i++)
            {
                if (converged[i])
                {
                    continue;
                }

                terms[i] *= ratio * z[i];
                result[i] += terms[i];
                if (Math.Abs(terms[i]) <= 1e-15 * Math.Abs(result[i]))
                {
                    converged[i] = true;
                    open--;
                }
            }
        }

        if (open > 0)
        {
            throw new InvalidOperationException($"2F1({a}, {b}; {c}; z) did not converge at {open} of {z.Length} arguments.");
        }
    }

    /// <summary>ln(e^u + e^v) without overflow or underflow.</summary>
    internal static double LogSumExp(double u, double v)
    {
        var max = Math.Max(u, v);
        return max + Math.Log(Math.Exp(u - max) + Math.Exp(v - max));
    }

    /// <summary>
    /// e^x − 1, accurate for x near 0 where Math.Exp(x) − 1 would lose every digit (Kahan's trick: the rounding of
    /// e^x cancels in the ratio to its logarithm).
    /// </summary>
    public static double ExpMinusOne(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        var um1 = u - 1.0;
        return um1 == -1.0 ? -1.0 : um1 * x / Math.Log(u);
    }

    /// <summary>ln(1 + x), accurate for x near 0 (the same trick; .NET's LogP1 is Log(1 + x)).</summary>
    public static double LogOnePlus(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>ln(1 − e^d) for d ≤ 0 (Mächler's split: near 0 via e^d − 1, far below via ln(1 + u)).</summary>
    public static double LogOneMinusExp(double d) =>
        d > -Math.Log(2) ? Math.Log(-ExpMinusOne(d)) : Math.Log(1 - Math.Exp(d));
}
