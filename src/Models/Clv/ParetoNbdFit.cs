using Analytics.Models.Numerics;

namespace Analytics.Models.Clv;

/// <summary>
/// Pareto/NBD parameters: purchase rates λ ~ gamma(<paramref name="R"/>, <paramref name="Alpha"/>), dropout rates
/// μ ~ gamma(<paramref name="S"/>, <paramref name="Beta"/>); the summed log-likelihood at those values.
/// </summary>
public sealed record ParetoNbdFit(double R, double Alpha, double S, double Beta, double LogLikelihood) : IRepeatPurchaseFit
{
    public const string Name = "Pareto/NBD";

    public string Model => Name;

    /// <summary>Standard errors and convergence of the fit (null for parameters given by hand).</summary>
    public Estimation? Estimation { get; init; }

    public double ProbabilityAlive(BgNbdCustomer customer) => ParetoNbdModel.ProbabilityAlive(this, customer);

    public double ConditionalExpectedPurchases(BgNbdCustomer customer, double t) => ParetoNbdModel.ConditionalExpectedPurchases(this, customer, t);

    public double ConditionalExpectedPurchasesIfAlive(BgNbdCustomer customer, double t) => ParetoNbdModel.ConditionalExpectedPurchasesIfAlive(this, customer, t);

    public void ConditionalExpectedPurchasesIfAlive(BgNbdCustomer customer, ReadOnlySpan<double> times, Span<double> expected)
    {
        for (var i = 0; i < times.Length; i++)
        {
            expected[i] = ParetoNbdModel.ConditionalExpectedPurchasesIfAlive(this, customer, times[i]);
        }
    }

    public int SimulatePurchases(BgNbdCustomer customer, double t, Random random) => PurchaseSimulation.Simulate(this, customer, t, random);

    public int SimulatePurchasesIfAlive(BgNbdCustomer customer, double t, Random random)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var lambda = PurchaseSimulation.Rate(customer, R, Alpha, random);

        // Alive at T, the history's e^(−μT) makes μ ~ gamma(s, β+T), independent of λ, and by memorylessness the
        // remaining lifetime is exponential(μ).
        var mu = RandomDraws.Gamma(random, S, Beta + customer.Age);
        var lifetime = -Math.Log(1.0 - random.NextDouble()) / mu;
        return RandomDraws.Poisson(random, lambda * Math.Min(lifetime, t));
    }

    public IRepeatPurchaseFit WithParameters(IReadOnlyList<double> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new ParetoNbdFit(parameters[0], parameters[1], parameters[2], parameters[3], double.NaN);
    }
}
