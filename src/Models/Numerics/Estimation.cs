namespace Analytics.Models.Numerics;

/// <summary>
/// A maximum-likelihood fit's parameters with their uncertainty: <paramref name="Names"/> and
/// <paramref name="Estimates"/> on their natural scale, <paramref name="StandardErrors"/> (delta method from the
/// log scale: SE(θ) = θ·SE(ln θ)), and the covariance of the log-parameters, the inverse of the negative
/// log-likelihood's Hessian at the optimum, from which the parametric bootstrap draws.
/// </summary>
public sealed record Estimation(
    IReadOnlyList<string> Names,
    IReadOnlyList<double> Estimates,
    IReadOnlyList<double> StandardErrors,
    double[,] LogCovariance,
    double LogLikelihood,
    FitConvergence Convergence);
