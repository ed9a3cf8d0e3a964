namespace Analytics.Models.Numerics;

/// <summary>
/// The parametric bootstrap's parameter sets: draws of the log-parameters from their asymptotic normal,
/// N(ln θ̂, H⁻¹), turned back into parameters (so every draw is positive, as the models need).
/// </summary>
internal static class ParameterDraws
{
    /// <returns>
    /// <paramref name="count"/> parameter sets; all equal to the estimates when the fit has no covariance (a flat
    /// likelihood, whose fit already carries a warning), so only the purchase process then varies.
    /// </returns>
    public static double[][] Draw(Estimation estimation, int count, Random random)
    {
        var n = estimation.Estimates.Count;
        var logEstimates = estimation.Estimates.Select(e => Math.Log(e)).ToArray();
        var lower = Cholesky.Factor(estimation.LogCovariance);
        var draws = new double[count][];
        for (var d = 0; d < count; d++)
        {
            var z = Enumerable.Range(0, n).Select(_ => RandomDraws.StandardNormal(random)).ToArray();
            var draw = new double[n];
            for (var i = 0; i < n; i++)
            {
                var shift = 0.0;
                for (var k = 0; lower is not null && k <= i; k++)
                {
                    shift += lower[i, k] * z[k];
                }

                draw[i] = Math.Exp(logEstimates[i] + shift);
            }

            draws[d] = draw;
        }

        return draws;
    }
}
