using Analytics.Warehouse.Clv;

namespace Analytics.Models.Clv;

/// <summary>
/// Gamma-Gamma's inputs from what an account spent lately: its repeat purchases in the tier window before the day
/// (the pareto.window_months the 80/20 tiers count), else, for an account with no repeat purchase in it, all its
/// repeat purchases (none: the book's mean). Key accounts grow and fading ones shrink, so the spend of the last year
/// forecasts the next better than a mean over every year. The first purchase is left out, as in the published
/// model the fit is made on: it is drawn differently (on CDNOW the one-off buyers of tier C spent 12.41 on it and
/// 26.37 a purchase in the year after), so counting it as a repeat purchase undervalued tiers B and C by a quarter
/// (docs/clv-and-renewals.md).
/// </summary>
public static class RecentSpend
{
    /// <param name="atDay">the accounts' summaries on the day.</param>
    /// <param name="windowStart">their summaries where the window starts.</param>
    /// <returns>per account of <paramref name="atDay"/>, in its order: repeat purchases counted and their mean spend.</returns>
    public static IReadOnlyList<GammaGammaCustomer> Of(IReadOnlyList<AccountPurchaseSummary> atDay, IReadOnlyList<AccountPurchaseSummary> windowStart)
    {
        ArgumentNullException.ThrowIfNull(atDay);
        ArgumentNullException.ThrowIfNull(windowStart);
        var earlier = windowStart.ToDictionary(s => s.AccountId, StringComparer.Ordinal);
        return
        [
            .. atDay.Select(s =>
            {
                // Bought before the window: every purchase in the window is a repeat purchase.
                var before = earlier.GetValueOrDefault(s.AccountId);
                var inWindow = before is null ? 0 : s.Frequency - before.Frequency;
                return inWindow > 0
                    ? new GammaGammaCustomer(inWindow, (double)((s.TotalSpend - before!.TotalSpend) / inWindow))
                    : ClvModel.GammaGammaCustomerOf(s);
            }),
        ];
    }
}
