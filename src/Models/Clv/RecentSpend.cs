using Analytics.Warehouse.Clv;

namespace Analytics.Models.Clv;

/// <summary>
/// Gamma-Gamma's inputs from what an account spent lately: the purchases of the tier window before the day (the
/// pareto.window_months the 80/20 tiers count, the first purchase too when it falls there), else, for an account
/// that bought nothing in it, all its purchases. Key accounts grow and fading ones shrink, so the spend of the
/// last year forecasts the next better than a mean over every year; and an account's first purchase says how
/// much it spends as well as its later ones (a one-off small buyer is not a book-average buyer).
/// </summary>
public static class RecentSpend
{
    /// <param name="atDay">the accounts' summaries on the day.</param>
    /// <param name="windowStart">their summaries where the window starts.</param>
    /// <returns>per account of <paramref name="atDay"/>, in its order: purchases counted and their mean spend.</returns>
    public static IReadOnlyList<GammaGammaCustomer> Of(IReadOnlyList<AccountPurchaseSummary> atDay, IReadOnlyList<AccountPurchaseSummary> windowStart)
    {
        ArgumentNullException.ThrowIfNull(atDay);
        ArgumentNullException.ThrowIfNull(windowStart);
        var earlier = windowStart.ToDictionary(s => s.AccountId, StringComparer.Ordinal);
        return
        [
            .. atDay.Select(s =>
            {
                var before = earlier.GetValueOrDefault(s.AccountId);
                var purchases = s.Frequency + 1 - (before is null ? 0 : before.Frequency + 1);
                return purchases > 0
                    ? new GammaGammaCustomer(purchases, (double)((s.TotalSpend - (before?.TotalSpend ?? 0m)) / purchases))
                    : new GammaGammaCustomer(s.Frequency + 1, (double)(s.TotalSpend / (s.Frequency + 1)));
            }),
        ];
    }
}
