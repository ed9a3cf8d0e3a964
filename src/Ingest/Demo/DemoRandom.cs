namespace Analytics.Ingest.Demo;

/// <summary>
/// Seeds and the few distributions the simulation draws from. Every account gets its own
/// <see cref="Random"/> seeded from (seed, stream), so an account's rows never depend on
/// how many accounts came before it or on which thread made them.
/// </summary>
internal static class DemoRandom
{
    public static Random For(int seed, long stream) => new(Mix(seed, stream));

    /// <summary>SplitMix64 of the pair: nearby streams give unrelated seeds, and (unlike HashCode) the same in every process.</summary>
    public static int Mix(int seed, long stream)
    {
        var z = unchecked(((ulong)(uint)seed << 32) ^ (ulong)stream) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static double Between(this Random random, double low, double high) => low + (random.NextDouble() * (high - low));

    public static double Normal(this Random random, double mean = 0, double sd = 1)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    public static double LogNormal(this Random random, double median, double sigma) => median * Math.Exp(random.Normal(0, sigma));

    public static double Exponential(this Random random, double mean) => -mean * Math.Log(1.0 - random.NextDouble());

    public static int Poisson(this Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            return Math.Max(0, (int)Math.Round(random.Normal(mean, Math.Sqrt(mean))));
        }

        var limit = Math.Exp(-mean);
        var count = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>An index drawn in proportion to <paramref name="weights"/>.</summary>
    public static int PickWeighted(this Random random, ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
