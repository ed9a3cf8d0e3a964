namespace Analytics.Models.Numerics;

/// <summary>
/// ln 2F1(k, b; k+1; z) for k &gt; 0, 0 &lt; b &lt; k+1 and 0 ≤ z &lt; 1: Pareto/NBD's hypergeometric function, which is
/// the incomplete beta integral k z^−k ∫₀^z u^(k−1) (1−u)^(−b) du. Its power series needs about 36/(1−z) terms, tens
/// of thousands for long-lived heavy buyers, and near z = 1 with b near 1 more than any cap; so the series is summed
/// only while 1 − z ≥ 0.1. Nearer 1 the integral is split at the singularity (the expansion about z = 1, a few
/// terms), and where that expansion would cancel (b within 0.05 of an integer ≥ 1, or k(1−z) &gt; 2) the integral is
/// computed by adaptive Gauss–Kronrod quadrature. Each route is exact to rounding (about 1e-14 relative).
/// </summary>
public static class IncompleteBetaHypergeometric
{
    /// <summary>1 − z from which the power series converges within about 400 terms (its ratio is at most z).</summary>
    private const double SeriesDistance = 0.1;

    /// <summary>How near an integer b may come before the expansion about z = 1 loses digits to its pole there.</summary>
    private const double PoleDistance = 0.05;

    /// <summary>The expansion about z = 1 alternates with terms up to e^(k(1−z)): beyond this it cancels.</summary>
    private const double MaxExpansionReach = 2.0;

    private const double Epsilon = 1e-17;

    /// <param name="w">1 − z, which the caller can often compute without the rounding of 1 − z (near z = 1 that rounding is most of w's digits).</param>
    public static double Log(double k, double b, double z, double w) => Log(k, b, z, w, logAbsBeta: double.NaN);

    /// <summary>
    /// The same with <see cref="LogAbsBeta(double, double)"/> of (k, b) computed beforehand (NaN: computed if needed). A
    /// likelihood evaluates the function for every customer at every step of its search, but those gamma functions
    /// depend on k and b alone, which many customers share; the result is the same to the last bit.
    /// </summary>
    internal static double Log(double k, double b, double z, double w, double logAbsBeta)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(b);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(b, k + 1);
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(w);
        if (z == 0)
        {
            return 0.0;
        }

        if (w >= SeriesDistance)
        {
            return PowerSeries(k, b, z, w);
        }

        return k * w > MaxExpansionReach || NearPole(b)
            ? Quadrature(k, b, z, w)
            : AboutOne(k, b, z, w, double.IsNaN(logAbsBeta) ? LogAbsBeta(k, b) : logAbsBeta);
    }

    /// <summary>ln |B(k, 1 − b)|, which the expansion about z = 1 needs; NaN near a pole, where that expansion is never taken.</summary>
    internal static double LogAbsBeta(double k, double b)
    {
        if (NearPole(b))
        {
            return double.NaN;
        }

        var c = 1 - b;
        var logAbsGammaC = c > 0
            ? SpecialFunctions.LogGamma(c)
            : Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * c))) - SpecialFunctions.LogGamma(1 - c);
        return logAbsGammaC - SpecialFunctions.LogGammaDifference(k, c);
    }

    private static bool NearPole(double b)
    {
        var pole = Math.Round(b - 1);
        return pole >= 0 && Math.Abs(b - 1 - pole) < PoleDistance;
    }

    /// <inheritdoc cref="Log(double, double, double, double)"/>
    public static double Log(double k, double b, double z) => Log(k, b, z, 1.0 - z);

    /// <summary>
    /// The series in z. For b ≤ 1 the defining one; for b &gt; 1 after Euler's transformation,
    /// (1−z)^(1−b) 2F1(1, k+1−b; k+1; z), whose terms shrink faster. Either way every term is positive and the
    /// ratio of successive terms is at most z, so the tail after a term is at most term · z / (1−z).
    /// </summary>
    private static double PowerSeries(double k, double b, double z, double w)
    {
        var euler = b > 1;
        var term = 1.0;
        var sum = 1.0;
        for (var n = 0; n < 10_000; n++)
        {
            term *= euler ? (k + 1 - b + n) / (k + 1 + n) * z : (k + n) * (b + n) / ((k + 1 + n) * (n + 1)) * z;
            sum += term;
            if (term * z <= Epsilon * w * sum)
            {
                return Math.Log(sum) + (euler ? (1 - b) * Math.Log(w) : 0.0);
            }
        }

        throw new InvalidOperationException($"2F1({k}, {b}; {k + 1}; {z}) did not converge.");
    }

    /// <summary>
    /// With c = 1 − b and w = 1 − z, expanding (1−v)^(k−1) in the integral from z to 1 gives
    /// B_z(k, c) = B(k, c) − Σ_j (1−k)_j / j! · w^(c+j) / (c+j), continued analytically to c &lt; 0 (their poles at
    /// c = −j cancel). Factored by w^c, it is summed as B(k, c) w^−c − Σ_j (1−k)_j / j! · w^j / (c+j).
    /// </summary>
    private static double AboutOne(double k, double b, double z, double w, double logAbsBeta)
    {
        var c = 1 - b;
        var logW = Math.Log(w);
        var sum = Math.Exp(logAbsBeta - (c * logW)) * (c < 0 && Math.Floor(c) % 2 != 0 ? -1 : 1);
        var term = 1.0;
        var magnitude = Math.Abs(sum);
        for (var j = 0; j < 10_000; j++)
        {
            var part = term / (c + j);
            sum -= part;
            magnitude = Math.Max(magnitude, Math.Abs(part));
            if (j > (k * w) + 1 && Math.Abs(part) <= Epsilon * magnitude)
            {
                return Math.Log(k) - (k * SpecialFunctions.LogOnePlus(-w)) + (c * logW) + Math.Log(sum);
            }

            term *= (j + 1 - k) / (j + 1) * w;
        }

        throw new InvalidOperationException($"2F1({k}, {b}; {k + 1}; {z}) did not converge about z = 1.");
    }

    /// <summary>
    /// The integral as k ∫₀^∞ e^(−ky) (1 − z e^(−y))^(−b) dy (u = z e^(−y)), with y = w (e^s − 1) so that both of its
    /// scales, w at the peak and 1/k in the tail, are spread over s; cut where e^(−ky) &lt; e^(−40), a bound on the
    /// tail's share because the other factor decreases. Scaled by w^b so nothing overflows.
    /// </summary>
    private static double Quadrature(double k, double b, double z, double w)
    {
        double Scaled(double s)
        {
            var y = w * SpecialFunctions.ExpMinusOne(s);
            return k * w * Math.Exp(s - (k * y) - (b * SpecialFunctions.LogOnePlus(z * -SpecialFunctions.ExpMinusOne(-y) / w)));
        }

        var end = Math.Log(1 + (40 / (k * w)));
        return Math.Log(GaussKronrod.Integrate(Scaled, 0, end, 1e-15)) - (b * Math.Log(w));
    }
}
