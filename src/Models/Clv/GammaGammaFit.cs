using Analytics.Models.Numerics;

namespace Analytics.Models.Clv;

/// <summary>
/// Gamma-Gamma parameters: a transaction's spend is gamma(<paramref name="P"/>, ν) with ν across customers
/// gamma(<paramref name="Q"/>, <paramref name="V"/>) (γ in the note); the summed log-likelihood at those values.
/// </summary>
public sealed record GammaGammaFit(double P, double Q, double V, double LogLikelihood)
{
    /// <summary>Standard errors and convergence of the fit (null for parameters given by hand).</summary>
    public Estimation? Estimation { get; init; }
}
