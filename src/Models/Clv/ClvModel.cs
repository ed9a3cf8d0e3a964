using Analytics.Warehouse.Clv;

namespace Analytics.Models.Clv;

/// <summary>Fits BG/NBD (how often, how long) and Gamma-Gamma (how much) on the accounts' purchase summaries.</summary>
public static class ClvModel
{
    /// <param name="purchaseModel">Which model values the accounts: BG/NBD, or Pareto/NBD (then fitted as well).</param>
    /// <exception cref="ArgumentException">no account bought in the period, or none bought twice with a positive spend.</exception>
    public static ClvFit Fit(IReadOnlyList<AccountPurchaseSummary> summaries, PurchaseTimeUnit unit, DateOnly calibrationEnd,
        string purchaseModel = BgNbdFit.Name)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var customers = summaries.Select(BgNbdCustomerOf).ToList();
        var bgNbd = BgNbdModel.Fit(customers);
        var paretoNbd = purchaseModel == ParetoNbdFit.Name ? ParetoNbdModel.Fit(customers) : null;

        // Gamma-Gamma models the mean spend of repeat purchases; a repeat buyer whose purchases came to nothing
        // (free replacements) has no spend to model and would put ln 0 in the likelihood.
        var spenders = summaries
            .Where(s => s.Frequency > 0 && s.MeanRepeatSpend > 0)
            .Select(GammaGammaCustomerOf)
            .ToList();
        var gammaGamma = GammaGammaModel.Fit(spenders);
        return new ClvFit(summaries.Count, spenders.Count, bgNbd, gammaGamma, unit, calibrationEnd)
        {
            Purchases = paretoNbd ?? (IRepeatPurchaseFit)bgNbd,
            ParetoNbd = paretoNbd,
        };
    }

    internal static BgNbdCustomer BgNbdCustomerOf(AccountPurchaseSummary s) => new(s.Frequency, s.Recency, s.Age);

    internal static GammaGammaCustomer GammaGammaCustomerOf(AccountPurchaseSummary s) => new(s.Frequency, (double)s.MeanRepeatSpend);
}
