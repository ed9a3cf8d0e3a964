namespace Analytics.Models.Numerics;

/// <summary>Draws from the distributions the models simulate with; .NET's Random gives uniform numbers only.</summary>
internal static class RandomDraws
{
    public static double StandardNormal(Random random)
    {
        // Box-Muller; 1 - U keeps the logarithm's argument above 0.
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>Gamma(shape, rate) by Marsaglia and Tsang (2000); a shape below 1 is boosted by U^(1/shape).</summary>
    public static double Gamma(Random random, double shape, double rate)
    {
        if (shape < 1.0)
        {
            return Gamma(random, shape + 1.0, rate) * Math.Pow(1.0 - random.NextDouble(), 1.0 / shape);
        }

        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = StandardNormal(random);
                v = 1.0 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1.0 - random.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v / rate;
            }
        }
    }

    public static double Beta(Random random, double a, double b)
    {
        var x = Gamma(random, a, 1.0);
        return x / (x + Gamma(random, b, 1.0));
    }

    /// <summary>
    /// Poisson(mean) by inversion: one uniform against the cumulative probabilities, each term the last times
    /// mean/k, so a count of k costs k multiplications instead of k exponential gaps' logarithms. Above a mean of 500
    /// (where e^−mean nears the doubles' floor) the sum of two Poisson(mean/2), which is Poisson(mean).
    /// </summary>
    public static int Poisson(Random random, double mean)
    {
        if (mean > 500)
        {
            return Poisson(random, mean / 2) + Poisson(random, mean / 2);
        }

        var u = random.NextDouble();
        var count = 0;
        var probability = Math.Exp(-mean);
        var cumulative = probability;
        // Past the mode the terms only shrink: once one no longer moves the sum, u lies in the rounding left above it.
        while (u >= cumulative && (count < mean || probability > 1e-17 * cumulative))
        {
            count++;
            probability *= mean / count;
            cumulative += probability;
        }

        return count;
    }

    /// <summary>
    /// Trials up to and including the first success, each a success with probability p: 1 + ⌊ln U / ln(1 − p)⌋,
    /// at most <paramref name="cap"/> (the caller's count is the smaller of the two anyway).
    /// </summary>
    public static int GeometricAtMost(Random random, double p, int cap)
    {
        var failures = Math.Floor(Math.Log(1.0 - random.NextDouble()) / SpecialFunctions.LogOnePlus(-p));
        return failures + 1 >= cap || double.IsNaN(failures) ? cap : (int)failures + 1;
    }
}
