namespace Analytics.Models.Numerics;

/// <summary>
/// Minimises a smooth function of a few unbounded variables. The models pass log-parameters, so the
/// positivity constraints vanish and the simplex needs no bounds.
/// </summary>
internal static class NelderMead
{
    private const int MaxIterations = 20_000;

    /// <summary>Minimises from <paramref name="start"/>, then once more from the best point, because a
    /// collapsed simplex can stall short of the optimum.</summary>
    public static double[] Minimise(Func<double[], double> objective, double[] start) => Search(objective, start).Point;

    /// <summary>As <see cref="Minimise"/>, with the iterations both runs took (a fit reports them).</summary>
    /// <param name="farthest">
    /// Stop once the best point has a coordinate beyond ±this: the minimum lies at the limit in that direction and
    /// the simplex would otherwise crawl along the ridge towards it until <see cref="MaxIterations"/>.
    /// </param>
    public static (double[] Point, int Iterations) Search(Func<double[], double> objective, double[] start, double farthest = double.PositiveInfinity)
    {
        var (first, firstIterations) = Run(objective, start, farthest);
        var (best, secondIterations) = Run(objective, first, farthest);
        return (best, firstIterations + secondIterations);
    }

    private static (double[] Point, int Iterations) Run(Func<double[], double> objective, double[] start, double farthest)
    {
        var n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        simplex[0] = (double[])start.Clone();
        for (var i = 0; i < n; i++)
        {
            var vertex = (double[])start.Clone();
            vertex[i] += 0.5;
            simplex[i + 1] = vertex;
        }

        for (var i = 0; i <= n; i++)
        {
            values[i] = Evaluate(objective, simplex[i]);
        }

        var iteration = 0;
        for (; iteration < MaxIterations; iteration++)
        {
            Sort(simplex, values);
            if (Converged(simplex, values) || simplex[0].Any(c => Math.Abs(c) > farthest))
            {
                break;
            }

            var centroid = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    centroid[j] += simplex[i][j] / n;
                }
            }

            var worst = simplex[n];
            var reflected = Along(centroid, worst, -1.0);
            var reflectedValue = Evaluate(objective, reflected);
            if (reflectedValue < values[0])
            {
                var expanded = Along(centroid, worst, -2.0);
                var expandedValue = Evaluate(objective, expanded);
                (simplex[n], values[n]) = expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue);
            }
            else if (reflectedValue < values[n - 1])
            {
                (simplex[n], values[n]) = (reflected, reflectedValue);
            }
            else
            {
                var outside = reflectedValue < values[n];
                var contracted = Along(centroid, worst, outside ? -0.5 : 0.5);
                var contractedValue = Evaluate(objective, contracted);
                if (contractedValue < (outside ? reflectedValue : values[n]))
                {
                    (simplex[n], values[n]) = (contracted, contractedValue);
                }
                else
                {
                    for (var i = 1; i <= n; i++)
                    {
                        simplex[i] = Along(simplex[0], simplex[i], 0.5);
                        values[i] = Evaluate(objective, simplex[i]);
                    }
                }
            }
        }

        Sort(simplex, values);
        return (simplex[0], iteration);
    }

    // A step out of the parameters' domain (an overflow, a Γ of a non-positive number) is just a bad point.
    private static double Evaluate(Func<double[], double> objective, double[] point)
    {
        var value = objective(point);
        return double.IsFinite(value) ? value : double.PositiveInfinity;
    }

    /// <summary>centroid + factor · (vertex − centroid).</summary>
    private static double[] Along(double[] centroid, double[] vertex, double factor)
    {
        var point = new double[centroid.Length];
        for (var j = 0; j < point.Length; j++)
        {
            point[j] = centroid[j] + (factor * (vertex[j] - centroid[j]));
        }

        return point;
    }

    private static void Sort(double[][] simplex, double[] values) => Array.Sort(values, simplex);

    private static bool Converged(double[][] simplex, double[] values)
    {
        var spread = 0.0;
        for (var i = 1; i < simplex.Length; i++)
        {
            for (var j = 0; j < simplex[0].Length; j++)
            {
                spread = Math.Max(spread, Math.Abs(simplex[i][j] - simplex[0][j]));
            }
        }

        return values[^1] - values[0] <= 1e-12 * (1 + Math.Abs(values[0])) && spread <= 1e-9;
    }
}
