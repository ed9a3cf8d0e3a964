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

    /// <summary>Poisson(mean): counting unit exponential gaps, which is quick for the small means of a holdout period.</summary>
    public static int Poisson(Random random, double mean)
    {
        var count = 0;
        var elapsed = -Math.Log(1.0 - random.NextDouble());
        while (elapsed < mean)
        {
            count++;
            elapsed -= Math.Log(1.0 - random.NextDouble());
        }

        return count;
    }
}
