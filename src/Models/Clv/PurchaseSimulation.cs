using Analytics.Models.Numerics;

namespace Analytics.Models.Clv;

/// <summary>What simulating a customer's future starts with in both models: alive or not, and its purchase rate.</summary>
internal static class PurchaseSimulation
{
    /// <summary>Gone with probability 1 − P(alive) (no purchases), else the model's simulation of an alive customer.</summary>
    public static int Simulate(IRepeatPurchaseFit fit, BgNbdCustomer customer, double t, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.NextDouble() >= fit.ProbabilityAlive(customer) ? 0 : fit.SimulatePurchasesIfAlive(customer, t, random);
    }

    /// <summary>The purchase rate of a customer alive at T, drawn from its posterior: the history's λ^x e^(−λT) makes it gamma(r + x, α + T).</summary>
    public static double Rate(BgNbdCustomer customer, double r, double alpha, Random random) =>
        RandomDraws.Gamma(random, r + customer.Frequency, alpha + customer.Age);
}
