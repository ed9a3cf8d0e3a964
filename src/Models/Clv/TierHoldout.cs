using Analytics.Warehouse.Clv;

namespace Analytics.Models.Clv;

/// <summary>
/// One tier's CLV against what happened: its accounts on the cut day, their revenue in the tier window before it,
/// the revenue the model predicted for the period after it (undiscounted, margin 1) and the revenue realised
/// there, with the purchases behind both. <see cref="Buyers"/> says which of the tier's accounts the row holds.
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
    /// <summary>The tier's accounts whatever they bought.</summary>
    public const string All = "all";

    /// <summary>Accounts with one purchase by the cut: Gamma-Gamma has no spend of theirs to value them by.</summary>
    public const string OneOff = "one-off";

    /// <summary>Accounts that had bought again by the cut: valued by their own repeat purchases.</summary>
    public const string Repeat = "repeat";

    /// <summary><see cref="All"/>, <see cref="OneOff"/> or <see cref="Repeat"/>.</summary>
    public string Buyers { get; init; } = All;

    /// <summary>Realised / predicted: 1 is unbiased, below 1 the model promised too much.</summary>
    public double Ratio => Predicted == 0 ? double.NaN : (double)(Realised / Predicted);

    /// <summary>Which buyers an account on the cut day is.</summary>
    public static string BuyersOf(AccountPurchaseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Frequency == 0 ? OneOff : Repeat;
    }

    /// <param name="atCut">the accounts' summaries on the cut day.</param>
    /// <param name="windowStart">their summaries where the tier window starts: the spend before the window.</param>
    /// <param name="after">their summaries at the period's end: what they added is the realised part.</param>
    /// <param name="tiers">each account's tier on the cut day.</param>
    /// <param name="predicted">each account's predicted purchases and revenue over the period.</param>
    /// <param name="splitBuyers">a row per tier and buyers (one-off, then repeat) instead of one per tier.</param>
    internal static IReadOnlyList<TierHoldout> PerTier(IReadOnlyList<AccountPurchaseSummary> atCut, IReadOnlyList<AccountPurchaseSummary> windowStart,
        IReadOnlyDictionary<string, AccountPurchaseSummary> after, IReadOnlyDictionary<string, string> tiers,
        IReadOnlyDictionary<string, (double Purchases, decimal Revenue)> predicted, bool splitBuyers = false)
    {
        var before = windowStart.ToDictionary(s => s.AccountId, s => s.TotalSpend, StringComparer.Ordinal);
        string[] groups = splitBuyers ? [OneOff, Repeat] : [All];
        return
        [
            .. RevenueTiers.Names.SelectMany(_ => groups, (tier, buyers) =>
            {
                var accounts = atCut.Where(s => tiers[s.AccountId] == tier && (buyers == All || BuyersOf(s) == buyers)).ToList();
                var later = accounts.Select(s => after.GetValueOrDefault(s.AccountId, s)).ToList();
                return new TierHoldout(
                    tier,
                    accounts.Count,
                    accounts.Sum(s => s.TotalSpend - before.GetValueOrDefault(s.AccountId)),
                    accounts.Sum(s => predicted[s.AccountId].Revenue),
                    accounts.Select((s, i) => later[i].TotalSpend - s.TotalSpend).Sum(),
                    accounts.Sum(s => predicted[s.AccountId].Purchases),
                    accounts.Select((s, i) => later[i].Frequency - s.Frequency).Sum()) { Buyers = buyers };
            }),
        ];
    }
}
