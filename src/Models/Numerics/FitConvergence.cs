namespace Analytics.Models.Numerics;

/// <summary>
/// How a likelihood fit ended: the simplex iterations it took, the norm of the log-likelihood's gradient in the
/// log-parameters at the optimum (near 0 at a true maximum), and warnings a user must read before trusting the
/// parameters (one ran off to a bound, no iteration limit reached, a flat direction with no standard error).
/// </summary>
public sealed record FitConvergence(int Iterations, double GradientNorm, IReadOnlyList<string> Warnings)
{
    public bool Converged => Warnings.Count == 0;
}
