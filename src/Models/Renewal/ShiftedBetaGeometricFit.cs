using Analytics.Models.Numerics;

namespace Analytics.Models.Renewal;

/// <summary>sBG parameters: each customer's chance of leaving at a renewal is beta(<paramref name="Alpha"/>, <paramref name="Beta"/>) across customers.</summary>
public sealed record ShiftedBetaGeometricFit(double Alpha, double Beta, double LogLikelihood)
{
    /// <summary>Standard errors and convergence of the fit (null for parameters given by hand).</summary>
    public Estimation? Estimation { get; init; }
}
