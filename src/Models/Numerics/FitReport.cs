namespace Analytics.Models.Numerics;

/// <summary>
/// A likelihood fit as model runs, `analytics clv fit --json` and `analytics score` show it: every parameter with
/// its standard error, the log-likelihood, and the convergence (iterations, gradient norm, warnings).
/// </summary>
public sealed record FitReport(
    string Model,
    IReadOnlyDictionary<string, double> Parameters,
    IReadOnlyDictionary<string, double> StandardErrors,
    double LogLikelihood,
    int Iterations,
    double GradientNorm,
    IReadOnlyList<string> Warnings)
{
    public static FitReport Of(Estimation estimation, string model)
    {
        ArgumentNullException.ThrowIfNull(estimation);
        return new FitReport(
            model,
            estimation.Names.Zip(estimation.Estimates).ToDictionary(p => p.First, p => p.Second),
            estimation.Names.Zip(estimation.StandardErrors).ToDictionary(p => p.First, p => p.Second),
            estimation.LogLikelihood,
            estimation.Convergence.Iterations,
            estimation.Convergence.GradientNorm,
            estimation.Convergence.Warnings);
    }
}
