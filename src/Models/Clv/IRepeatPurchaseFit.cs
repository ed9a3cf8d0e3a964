using Analytics.Models.Numerics;

namespace Analytics.Models.Clv;

/// <summary>
/// A fitted model of repeat buying with a latent dropout (BG/NBD or Pareto/NBD): what CLV and the intervals need
/// from either. Customers are (x, t_x, T) summaries in the fit's time unit.
/// </summary>
public interface IRepeatPurchaseFit
{
    /// <summary>"BG/NBD" or "Pareto/NBD", as model runs and reports name it.</summary>
    string Model { get; }

    double LogLikelihood { get; }

    /// <summary>Standard errors and convergence (null for parameters given by hand).</summary>
    Estimation? Estimation { get; }

    double ProbabilityAlive(BgNbdCustomer customer);

    /// <summary>E[Y(t) | x, t_x, T]: purchases expected in the next t.</summary>
    double ConditionalExpectedPurchases(BgNbdCustomer customer, double t);

    /// <summary>
    /// E[Y(t) | alive at T, x, T]: the same given the customer is still alive, so that E[Y(t) | x, t_x, T] is this
    /// times P(alive). In both models it depends on x and T only, not t_x, which lets the intervals compute it once
    /// per (x, T) and draw instead of once per customer.
    /// </summary>
    double ConditionalExpectedPurchasesIfAlive(BgNbdCustomer customer, double t);

    /// <summary>The same at several horizons at once (a CLV horizon's month ends), into <paramref name="expected"/>.</summary>
    void ConditionalExpectedPurchasesIfAlive(BgNbdCustomer customer, ReadOnlySpan<double> times, Span<double> expected);

    /// <summary>
    /// One draw of the purchases this customer makes in the next t: alive or not by P(alive), then its own rates
    /// drawn from their posterior given the history, then the purchase process run forward.
    /// </summary>
    int SimulatePurchases(BgNbdCustomer customer, double t, Random random);

    /// <summary>
    /// The same for a customer known to be alive at T (the intervals draw that with the P(alive) they compute anyway):
    /// <see cref="SimulatePurchases"/> is one uniform draw against P(alive), then this.
    /// </summary>
    int SimulatePurchasesIfAlive(BgNbdCustomer customer, double t, Random random);

    /// <summary>The same model at other parameter values, in <see cref="Numerics.Estimation.Names"/>' order.</summary>
    IRepeatPurchaseFit WithParameters(IReadOnlyList<double> parameters);
}
