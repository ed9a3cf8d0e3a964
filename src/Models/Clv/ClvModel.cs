using Analytics.Warehouse.Clv;

namespace Analytics.Models.Clv;

/// <summary>Fits BG/NBD (how often, how long) and Gamma-Gamma (how much) on the accounts' purchase summaries.</summary>
public static class ClvModel
{
    /// <exception cref="ArgumentException">no account bought in the period, or none bought twice with a positive spend.</exception>
    public static ClvFit Fit(IReadOnlyList<AccountPurchaseSummary> summaries, PurchaseTimeUnit unit, DateOnly calibrationEnd)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var bgNbd = BgNbdModel.Fit(summaries.Select(BgNbdCustomerOf).ToList());

        // Gamma-Gamma models the mean spend of repeat purchases; a repeat buyer whose purchases came to nothing
        // (free replacements) has no spend to model and would put ln 0 in the likelihood.
        var spenders = summaries
            .Where(s => s.Frequency > 0 && s.MeanRepeatSpend > 0)
            .Select(GammaGammaCustomerOf)
            .ToList();
        var gammaGamma = GammaGammaModel.Fit(spenders);
        return new ClvFit(summaries.Count, spenders.Count, bgNbd, gammaGamma, unit, calibrationEnd);
    }

    internal static BgNbdCustomer BgNbdCustomerOf(AccountPurchaseSummary s) => new(s.Frequency, s.Recency, s.Age);

    internal static GammaGammaCustomer GammaGammaCustomerOf(AccountPurchaseSummary s) => new(s.Frequency, (double)s.MeanRepeatSpend);
}
