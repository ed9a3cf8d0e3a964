using Analytics.Models.Clv;
using Analytics.Models.Numerics;

namespace Analytics.Models.Renewal;

/// <summary>
/// The shifted-beta-geometric model of contract renewals (Fader &amp; Hardie 2007, "How to Project Customer
/// Retention"). A customer with churn probability θ leaves at renewal t with probability θ(1−θ)^(t−1); θ varies
/// across customers as beta(α, β). So P(T = t) = B(α+1, β+t−1) / B(α, β) and S(t) = B(α, β+t) / B(α, β), and
/// the retention rate rises with t as the customers likeliest to leave are gone: r(t) = (β+t−1) / (α+β+t−1).
/// </summary>
public static class ShiftedBetaGeometricModel
{
    public static ShiftedBetaGeometricFit Fit(IReadOnlyList<RenewalHistory> histories)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var groups = histories
            .GroupBy(h => h)
            .Select(g => (History: g.Key, Weight: (double)g.Count()))
            .ToArray();
        if (!groups.Any(g => g.History.Lost) || !groups.Any(g => !g.History.Lost && g.History.RenewalsKept > 0))
        {
            // Without a loss θ runs to 0, without a kept renewal to 1: the likelihood has no maximum.
            throw new ArgumentException("Fitting renewals needs at least one customer lost and one that renewed.", nameof(histories));
        }

        double NegativeLogLikelihood(double[] logParameters)
        {
            var (alpha, beta) = (Math.Exp(logParameters[0]), Math.Exp(logParameters[1]));
            var total = 0.0;
            foreach (var (history, weight) in groups)
            {
                total += weight * LogLikelihood(history, alpha, beta);
            }

            return -total;
        }

        var (best, estimation) = MaximumLikelihood.Fit(NegativeLogLikelihood, [0.0, 0.0], ["alpha", "beta"]);
        return new ShiftedBetaGeometricFit(Math.Exp(best[0]), Math.Exp(best[1]), estimation.LogLikelihood) { Estimation = estimation };
    }

    /// <summary>ln P(T = kept + 1) for a lost customer, ln S(kept) for one still renewing.</summary>
    public static double LogLikelihood(RenewalHistory history, double alpha, double beta)
    {
        ArgumentNullException.ThrowIfNull(history);
        var t = history.RenewalsKept;
        return history.Lost
            ? SpecialFunctions.LogBeta(alpha + 1, beta + t) - SpecialFunctions.LogBeta(alpha, beta)
            : SpecialFunctions.LogBeta(alpha, beta + t) - SpecialFunctions.LogBeta(alpha, beta);
    }

    /// <summary>S(t): the share of a new cohort still a customer after t renewals.</summary>
    public static double Survival(ShiftedBetaGeometricFit fit, int renewals)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentOutOfRangeException.ThrowIfNegative(renewals);
        return Math.Exp(SpecialFunctions.LogBeta(fit.Alpha, fit.Beta + renewals) - SpecialFunctions.LogBeta(fit.Alpha, fit.Beta));
    }

    /// <summary>
    /// The chance a customer that kept <paramref name="renewalsKept"/> renewals refuses the next one:
    /// P(T = n+1 | T &gt; n) = α / (α + β + n). It falls with every renewal kept, as the survivors are the loyal.
    /// </summary>
    public static double NonRenewalProbability(ShiftedBetaGeometricFit fit, int renewalsKept)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentOutOfRangeException.ThrowIfNegative(renewalsKept);
        return fit.Alpha / (fit.Alpha + fit.Beta + renewalsKept);
    }
}
