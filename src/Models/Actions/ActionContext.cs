namespace Analytics.Models.Actions;

/// <summary>
/// What the drivers need besides the features, per master account on the scoring day: its 80/20 tier, the next
/// cancel-by day of its contracts (marts.contract_status), its complaints not yet resolved, and the lowest margin
/// cap of its contracts in percent (marts.contract_rules; null: no contract caps it).
/// </summary>
public sealed record ActionContext(string Tier, DateOnly? CancelBy, int DaysToCancelBy, int OpenComplaints, double? MarginCapPct)
{
    public static ActionContext None { get; } = new("C", null, int.MaxValue, 0, null);
}
