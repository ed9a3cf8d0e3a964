using System.Globalization;

namespace Analytics.Models.Numerics;

/// <summary>
/// Maximises a log-likelihood over positive parameters (searched as their logs, so no bounds are needed) and
/// reports what a user needs to trust the result: the standard errors from the Hessian at the optimum, and how
/// the search converged.
/// </summary>
internal static class MaximumLikelihood
{
    /// <summary>
    /// A parameter beyond e^±11.5 (about 100,000 or 1/100,000) has run off towards a limit of the model (sBG's
    /// geometric limit, a Gamma-Gamma with no spread): the likelihood has no interior maximum in that direction.
    /// </summary>
    private const double LogBound = 11.5;

    /// <summary>
    /// A log-parameter this uncertain (its 90% range spans a factor of 27 either way) lies on a ridge where the
    /// likelihood barely changes: the search drifts along it towards the limiting case until it stops.
    /// </summary>
    private const double FlatLogError = 1.0;

    /// <summary>A gradient this steep at the end means the simplex stopped short of the maximum.</summary>
    private const double SteepGradient = 0.05;

    /// <param name="stopPastBound">
    /// Stop the search once a parameter has run a factor e past the bound (it is then reported as not identified):
    /// for a likelihood too costly to follow a ridge for thousands of steps to where it ends.
    /// </param>
    public static (double[] LogPoint, Estimation Estimation) Fit(Func<double[], double> negativeLogLikelihood, double[] start, IReadOnlyList<string> names,
        bool stopPastBound = false)
    {
        var (point, iterations) = NelderMead.Search(negativeLogLikelihood, start, stopPastBound ? LogBound + 1 : double.PositiveInfinity);
        return (point, Estimate(negativeLogLikelihood, point, names, iterations));
    }

    public static Estimation Estimate(Func<double[], double> negativeLogLikelihood, double[] logPoint, IReadOnlyList<string> names, int iterations)
    {
        var gradient = Derivatives.Gradient(negativeLogLikelihood, logPoint);
        var gradientNorm = Math.Sqrt(gradient.Sum(g => g * g));
        var warnings = new List<string>();
        if (!(gradientNorm <= SteepGradient))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"the search stopped where the log-likelihood still changes (gradient norm {gradientNorm:G3})"));
        }

        var n = logPoint.Length;
        var covariance = new double[n, n];
        var lower = Cholesky.Factor(Derivatives.Hessian(negativeLogLikelihood, logPoint));
        if (lower is null)
        {
            warnings.Add("the log-likelihood is flat or not concave at the optimum: no standard errors");
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    covariance[i, j] = double.NaN;
                }
            }
        }
        else
        {
            covariance = Cholesky.Inverse(lower);
        }

        for (var i = 0; i < n; i++)
        {
            var logError = Math.Sqrt(covariance[i, i]);
            if (Math.Abs(logPoint[i]) > LogBound || logError > FlatLogError)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{names[i]} ran towards a bound of the model ({Math.Exp(logPoint[i]):G4}, standard error of its log {logError:G3}): the likelihood keeps rising or stays flat towards a limiting case, so {names[i]} is not identified"));
            }
        }

        var estimates = logPoint.Select(p => Math.Exp(p)).ToArray();
        var errors = estimates.Select((e, i) => e * Math.Sqrt(covariance[i, i])).ToArray();
        return new Estimation(names, estimates, errors, covariance, -negativeLogLikelihood(logPoint), new FitConvergence(iterations, gradientNorm, warnings));
    }
}
