using Analytics.Warehouse;
namespace Analytics.ReportApi.Campaigns;

/// <summary>
/// What a rule would target today, within what the reader may see. ValueAtStake adds each member's predicted
/// value, or its last 12 months' revenue where no model has scored it.
/// </summary>
public sealed record TargetPreview(
    DateOnly AsOf,
    long Members,
    long Scored,
    decimal ValueAtStake,
    decimal PredictedValue,
    decimal Revenue12m,
    IReadOnlyList<CampaignMember> Top);
