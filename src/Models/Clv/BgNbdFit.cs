using Analytics.Models.Numerics;

namespace Analytics.Models.Clv;

/// <summary>
/// BG/NBD parameters: purchase rates are gamma(<paramref name="R"/>, <paramref name="Alpha"/>), dropout
/// probabilities beta(<paramref name="A"/>, <paramref name="B"/>); the summed log-likelihood at those values.
/// </summary>
public sealed record BgNbdFit(double R, double Alpha, double A, double B, double LogLikelihood) : IRepeatPurchaseFit
{
    public const string Name = "BG/NBD";

    public string Model => Name;

    /// <summary>Standard errors and convergence of the fit (null for parameters given by hand).</summary>
    public Estimation? Estimation { get; init; }

    public double ProbabilityAlive(BgNbdCustomer customer) => BgNbdModel.ProbabilityAlive(this, customer);

    public double ConditionalExpectedPurchases(BgNbdCustomer customer, double t) => BgNbdModel.ConditionalExpectedPurchases(this, customer, t);

    public double ConditionalExpectedPurchasesIfAlive(BgNbdCustomer customer, double t) => BgNbdModel.ConditionalExpectedPurchasesIfAlive(this, customer, t);

    public void ConditionalExpectedPurchasesIfAlive(BgNbdCustomer customer, ReadOnlySpan<double> times, Span<double> expected) =>
        BgNbdModel.ConditionalExpectedPurchasesIfAlive(this, customer, times, expected);

    public int SimulatePurchases(BgNbdCustomer customer, double t, Random random) => PurchaseSimulation.Simulate(this, customer, t, random);

    public int SimulatePurchasesIfAlive(BgNbdCustomer customer, double t, Random random)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var lambda = PurchaseSimulation.Rate(customer, R, Alpha, random);

        // Alive at T, the history's (1−p)^x makes p ~ beta(a, b+x), independent of λ; the customer then buys at
        // rate λ and leaves after each purchase with probability p. The coins are independent of the purchase times,
        // so the purchases in t are the smaller of the Poisson(λt) arrivals and the geometric(p) purchase that is the
        // last: exactly the walk over each purchase's gap, without it.
        var p = RandomDraws.Beta(random, A, B + customer.Frequency);
        var arrivals = RandomDraws.Poisson(random, lambda * t);
        return arrivals == 0 ? 0 : RandomDraws.GeometricAtMost(random, p, arrivals);
    }

    public IRepeatPurchaseFit WithParameters(IReadOnlyList<double> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new BgNbdFit(parameters[0], parameters[1], parameters[2], parameters[3], double.NaN);
    }
}
