namespace Analytics.Models.Value;

/// <summary>
/// Which method's value serves (drives predicted_value and predicted_tier). The rule: of the ML.NET regression
/// and BG/NBD x Gamma-Gamma, the one with the higher top-20% capture on the holdout, since the value serves to
/// rank accounts into tiers; within 0.005 of each other, the lower MAE. The naive "same as last period" is the
/// baseline both are shown against, never served.
/// </summary>
public static class ValueMethod
{
    public const string Ml = "ml";
    public const string BgNbd = "bgnbd";
    public const string Naive = "naive";

    public static string Choose(ValueMetrics ml, ValueMetrics bgNbd)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(bgNbd);
        return IsBetter(ml, bgNbd) ? Ml : BgNbd;
    }

    /// <summary>True when <paramref name="a"/> is at least as good as <paramref name="b"/> by the rule.</summary>
    public static bool IsBetter(ValueMetrics a, ValueMetrics b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Math.Abs(a.Top20Capture - b.Top20Capture) <= 0.005 ? a.Mae <= b.Mae : a.Top20Capture > b.Top20Capture;
    }
}
