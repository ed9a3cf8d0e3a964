namespace Analytics.Models.Clv;

/// <summary>
/// What an account that has bought only once will spend a purchase, from what it spent that once: the line
/// spend = <see cref="Intercept"/> + <see cref="Slope"/> · first purchase, fitted on the backtest (<see cref="ClvBacktest"/>)
/// by least squares over the one-off buyers' purchases in its holdout (each account weighted by its purchases there,
/// so the line's forecast for those accounts adds up to what they spent). Gamma-Gamma knows nothing of an account
/// without a repeat purchase and gives it the book's mean; but a big first order announces a big customer and a small
/// one a small customer, less than one for one (CDNOW's one-off buyers of 1997-Q1: 58.73, 20.32 and 11.45 on
/// average on the first purchase in tiers A, B and C, then 47.94, 29.18 and 25.37 a purchase in the next 13 weeks,
/// against the book's mean 35.72 for all three).
/// </summary>
public sealed record FirstPurchaseSpend(double Intercept, double Slope)
{
    /// <summary>Spend per purchase expected from an account whose one purchase came to <paramref name="firstPurchase"/>.</summary>
    public double Spend(decimal firstPurchase) => Intercept + (Slope * (double)firstPurchase);

    /// <param name="buyers">each one-off buyer's first purchase and the purchases and spend it had in the holdout.</param>
    /// <returns>null when the holdout says too little (fewer than <see cref="TierCalibration.MinimumPurchases"/>
    /// purchases, or one first-purchase amount for all), or the line could forecast a spend of zero or less (a
    /// negative slope or intercept): Gamma-Gamma's book mean then stays.</returns>
    public static FirstPurchaseSpend? Fit(IEnumerable<(decimal FirstPurchase, int Purchases, decimal Spend)> buyers)
    {
        ArgumentNullException.ThrowIfNull(buyers);
        double weight = 0, sumX = 0, sumY = 0, sumXx = 0, sumXy = 0;
        foreach (var (first, purchases, spend) in buyers.Where(b => b.Purchases > 0))
        {
            // Weighted by purchases, each purchase at the account's mean spend: Σ n·x, Σ n·y = the spend itself.
            var x = (double)first;
            weight += purchases;
            sumX += purchases * x;
            sumXx += purchases * x * x;
            sumY += (double)spend;
            sumXy += x * (double)spend;
        }

        var spread = (weight * sumXx) - (sumX * sumX);
        if (weight < TierCalibration.MinimumPurchases || spread <= 1e-9 * weight * sumXx)
        {
            return null;
        }

        var slope = ((weight * sumXy) - (sumX * sumY)) / spread;
        var intercept = (sumY - (slope * sumX)) / weight;
        return slope < 0 || intercept <= 0 ? null : new FirstPurchaseSpend(intercept, slope);
    }
}
