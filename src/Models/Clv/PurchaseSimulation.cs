using Analytics.Models.Numerics;

namespace Analytics.Models.Clv;

/// <summary>What simulating a customer's future starts with in both models: alive or not, and its purchase rate.</summary>
internal static class PurchaseSimulation
{
    /// <summary>
    /// Null when the draw finds the customer already gone (probability 1 − P(alive)); else its purchase rate drawn
    /// from the posterior given alive at T: the history's λ^x e^(−λT) makes it gamma(r + x, α + T).
    /// </summary>
    public static double? RateIfAlive(IRepeatPurchaseFit fit, BgNbdCustomer customer, double r, double alpha, Random random)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(random);
        return random.NextDouble() >= fit.ProbabilityAlive(customer)
            ? null
            : RandomDraws.Gamma(random, r + customer.Frequency, alpha + customer.Age);
    }
}
