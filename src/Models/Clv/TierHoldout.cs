using Analytics.Warehouse.Clv;

namespace Analytics.Models.Clv;

/// <summary>
/// One tier's CLV against what happened: its accounts on the cut day, their revenue in the tier window before it,
/// the revenue the model predicted for the period after it (undiscounted, margin 1) and the revenue realised
/// there, with the purchases behind both.
/// </summary>
public sealed record TierHoldout(
    string Tier,
    int Accounts,
    decimal RevenueBefore,
    decimal Predicted,
    decimal Realised,
    double PredictedPurchases,
    int RealisedPurchases)
{
    /// <summary>Realised / predicted: 1 is unbiased, below 1 the model promised too much.</summary>
    public double Ratio => Predicted == 0 ? double.NaN : (double)(Realised / Predicted);

    /// <param name="atCut">the accounts' summaries on the cut day.</param>
    /// <param name="windowStart">their summaries where the tier window starts: the spend before the window.</param>
    /// <param name="after">their summaries at the period's end: what they added is the realised part.</param>
    /// <param name="tiers">each account's tier on the cut day.</param>
    /// <param name="predicted">each account's predicted purchases and revenue over the period.</param>
    internal static IReadOnlyList<TierHoldout> PerTier(IReadOnlyList<AccountPurchaseSummary> atCut, IReadOnlyList<AccountPurchaseSummary> windowStart,
        IReadOnlyDictionary<string, AccountPurchaseSummary> after, IReadOnlyDictionary<string, string> tiers,
        IReadOnlyDictionary<string, (double Purchases, decimal Revenue)> predicted)
    {
        var before = windowStart.ToDictionary(s => s.AccountId, s => s.TotalSpend, StringComparer.Ordinal);
        return
        [
            .. RevenueTiers.Names.Select(tier =>
            {
                var accounts = atCut.Where(s => tiers[s.AccountId] == tier).ToList();
                var later = accounts.Select(s => after.GetValueOrDefault(s.AccountId, s)).ToList();
                return new TierHoldout(
                    tier,
                    accounts.Count,
                    accounts.Sum(s => s.TotalSpend - before.GetValueOrDefault(s.AccountId)),
                    accounts.Sum(s => predicted[s.AccountId].Revenue),
                    accounts.Select((s, i) => later[i].TotalSpend - s.TotalSpend).Sum(),
                    accounts.Sum(s => predicted[s.AccountId].Purchases),
                    accounts.Select((s, i) => later[i].Frequency - s.Frequency).Sum());
            }),
        ];
    }
}
