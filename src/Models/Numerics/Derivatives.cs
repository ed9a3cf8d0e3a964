namespace Analytics.Models.Numerics;

/// <summary>
/// Central finite differences of a smooth function of a few log-parameters. The step is 1e-4 on the log scale:
/// the truncation error (h²) and the rounding error (ε·|f|/h²) of a sum over thousands of customers balance there.
/// </summary>
internal static class Derivatives
{
    private const double Step = 1e-4;

    public static double[] Gradient(Func<double[], double> f, double[] point)
    {
        var gradient = new double[point.Length];
        for (var i = 0; i < point.Length; i++)
        {
            gradient[i] = (f(Shift(point, i, Step)) - f(Shift(point, i, -Step))) / (2 * Step);
        }

        return gradient;
    }

    public static double[,] Hessian(Func<double[], double> f, double[] point)
    {
        var n = point.Length;
        var hessian = new double[n, n];
        var centre = f(point);
        for (var i = 0; i < n; i++)
        {
            hessian[i, i] = (f(Shift(point, i, Step)) - (2 * centre) + f(Shift(point, i, -Step))) / (Step * Step);
            for (var j = 0; j < i; j++)
            {
                var value = (f(Shift(Shift(point, i, Step), j, Step)) - f(Shift(Shift(point, i, Step), j, -Step))
                    - f(Shift(Shift(point, i, -Step), j, Step)) + f(Shift(Shift(point, i, -Step), j, -Step))) / (4 * Step * Step);
                hessian[i, j] = value;
                hessian[j, i] = value;
            }
        }

        return hessian;
    }

    private static double[] Shift(double[] point, int index, double by)
    {
        var shifted = (double[])point.Clone();
        shifted[index] += by;
        return shifted;
    }
}
