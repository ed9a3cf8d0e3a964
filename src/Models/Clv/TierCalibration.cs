namespace Analytics.Models.Clv;

/// <summary>
/// How far the fitted models missed each 80/20 tier's revenue on the book's own latest period (<see cref="ClvBacktest"/>),
/// split into purchases and spend per purchase, and the factors that correct today's values by them.
/// BG/NBD and Gamma-Gamma assume every account's rates stay where its history puts them and shrink each account's
/// spend towards the whole book's; key accounts that grow (and small ones that spend less than the book's mean) break
/// both, so uncorrected CLV undervalues tier A and overvalues tier C (issue 16, item 7: docs/clv-and-renewals.md).
/// </summary>
public sealed record TierCalibration(DateOnly CalibrationEnd, int HoldoutDays, IReadOnlyList<TierHoldout> Tiers)
{
    /// <summary>
    /// Fewer purchases than this in a tier's holdout say too little to correct it by: its factors stay 1 (a tier
    /// of a handful of accounts would otherwise be valued by the luck of one quarter).
    /// </summary>
    public const int MinimumPurchases = 30;

    /// <summary>Realised over predicted purchases, and realised over predicted spend per purchase, for accounts of the tier.</summary>
    public (double Purchases, double Spend) Factors(string tier)
    {
        var row = Tiers.FirstOrDefault(t => t.Tier == tier);
        if (row is null || row.RealisedPurchases < MinimumPurchases || row.PredictedPurchases <= 0 || row.Predicted <= 0)
        {
            return (1, 1);
        }

        var purchases = row.RealisedPurchases / row.PredictedPurchases;
        var spend = (double)(row.Realised / row.RealisedPurchases) / ((double)row.Predicted / row.PredictedPurchases);
        return (purchases, spend);
    }

    /// <summary>Each account's value corrected by its tier's factors (today's tier): purchases, spend per purchase, CLV and their intervals.</summary>
    public IReadOnlyList<AccountValue> Apply(IReadOnlyList<AccountValue> values, IReadOnlyDictionary<string, string> tiers)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(tiers);
        var factors = RevenueTiers.Names.ToDictionary(t => t, Factors, StringComparer.Ordinal);
        return
        [
            .. values.Select(v =>
            {
                var (purchases, spend) = factors[tiers[v.AccountId]];
                var value = (decimal)(purchases * spend);
                return v with
                {
                    ExpectedPurchases = v.ExpectedPurchases * purchases,
                    ExpectedSpend = ClvScoring.Money((double)v.ExpectedSpend * spend),
                    Clv = ClvScoring.Money((double)(v.Clv * value)),
                    Interval = v.Interval is { } i
                        ? i with
                        {
                            ExpectedPurchasesLow = i.ExpectedPurchasesLow * purchases,
                            ExpectedPurchasesHigh = i.ExpectedPurchasesHigh * purchases,
                            ClvLow = ClvScoring.Money((double)(i.ClvLow * value)),
                            ClvHigh = ClvScoring.Money((double)(i.ClvHigh * value)),
                        }
                        : null,
                };
            }),
        ];
    }
}
