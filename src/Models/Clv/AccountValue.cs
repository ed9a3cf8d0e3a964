namespace Analytics.Models.Clv;

/// <summary>
/// One account's value as the models see it: purchases expected over the horizon, the probability it is still
/// buying, the spend to expect per purchase, and the discounted value of the horizon (models.account_scores:
/// expected_purchases, p_alive, expected_spend, clv).
/// </summary>
public sealed record AccountValue(string AccountId, double ExpectedPurchases, double PAlive, decimal ExpectedSpend, decimal Clv)
{
    /// <summary>The 90% intervals, when the scoring asked for them (<see cref="ClvOptions.IntervalDraws"/>).</summary>
    public ValueInterval? Interval { get; init; }
}
