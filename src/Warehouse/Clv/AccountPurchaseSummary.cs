namespace Analytics.Warehouse.Clv;

/// <summary>
/// One account's repeat buying up to a calibration end (transaction_summary.sql): <paramref name="Frequency"/>
/// purchase days after the first, <paramref name="Recency"/> from the first to the last, <paramref name="Age"/>
/// from the first to the calibration end (both in the summary's unit), and what the repeat purchases came to.
/// </summary>
public sealed record AccountPurchaseSummary(
    string AccountId,
    int Frequency,
    double Recency,
    double Age,
    decimal RepeatSpend,
    DateOnly FirstPurchase,
    DateOnly LastPurchase)
{
    /// <summary>What every purchase up to the calibration end came to, the first too.</summary>
    public decimal TotalSpend { get; init; }

    /// <summary>Mean spend of a repeat purchase (m), 0 without one.</summary>
    public decimal MeanRepeatSpend => Frequency == 0 ? 0m : RepeatSpend / Frequency;
}
