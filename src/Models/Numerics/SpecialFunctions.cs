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

    /// <summary>ln(e^u + e^v) without overflow or underflow.</summary>
    internal static double LogSumExp(double u, double v)
    {
        var max = Math.Max(u, v);
        return max + Math.Log(Math.Exp(u - max) + Math.Exp(v - max));
    }

    /// <summary>e^x − 1, accurate for x near 0 where Math.Exp(x) − 1 would lose every digit.</summary>
    public static double ExpMinusOne(double x) =>
        Math.Abs(x) < 1e-5 ? x + (x * x / 2) + (x * x * x / 6) : Math.Exp(x) - 1;

    /// <summary>ln(1 − e^d) for d ≤ 0 (Mächler's split: near 0 via e^d − 1, far below via ln(1 + u)).</summary>
    public static double LogOneMinusExp(double d) =>
        d > -Math.Log(2) ? Math.Log(-ExpMinusOne(d)) : Math.Log(1 - Math.Exp(d));
}
