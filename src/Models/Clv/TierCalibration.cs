namespace Analytics.Models.Clv;

/// <summary>
/// How far the fitted models missed each 80/20 tier's revenue on the book's own latest period (<see cref="ClvBacktest"/>),
/// split into purchases and spend per purchase, and the spend factor that corrects today's values by it.
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

    /// <summary>
    /// Realised over predicted spend per purchase for accounts of the tier; 1 for a tier with too few purchases. The
    /// tier's purchase count is not corrected: its miss on the latest period did not carry to the next on either
    /// book checked (demo company: 0.94, 0.94, 0.87 for tiers A, B, C there, 1.04, 1.09, 1.01 the year after;
    /// CDNOW: 0.96, 0.77, 0.71 in the 13 weeks after its first quarter, 1.15, 1.12, 0.95 the year after its second),
    /// while spend per purchase is a level that does not grow with the horizon.
    /// </summary>
    public double SpendFactor(string tier)
    {
        var row = Tiers.FirstOrDefault(t => t.Tier == tier);
        if (row is null || row.RealisedPurchases < MinimumPurchases || row.PredictedPurchases <= 0 || row.Predicted <= 0)
        {
            return 1;
        }

        return (double)(row.Realised / row.RealisedPurchases) / ((double)row.Predicted / row.PredictedPurchases);
    }

    /// <summary>Each account's value corrected by its tier's spend factor (today's tier): spend per purchase, CLV and its interval.</summary>
    public IReadOnlyList<AccountValue> Apply(IReadOnlyList<AccountValue> values, IReadOnlyDictionary<string, string> tiers)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(tiers);
        var factors = RevenueTiers.Names.ToDictionary(t => t, SpendFactor, StringComparer.Ordinal);
        return
        [
            .. values.Select(v =>
            {
                var spend = factors[tiers[v.AccountId]];
                return v with
                {
                    ExpectedSpend = ClvScoring.Money((double)v.ExpectedSpend * spend),
                    Clv = ClvScoring.Money((double)v.Clv * spend),
                    Interval = v.Interval is { } i
                        ? i with { ClvLow = ClvScoring.Money((double)i.ClvLow * spend), ClvHigh = ClvScoring.Money((double)i.ClvHigh * spend) }
                        : null,
                };
            }),
        ];
    }
}
