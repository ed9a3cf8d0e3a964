using Analytics.Warehouse;
namespace Analytics.ReportApi.Campaigns;

/// <summary>
/// A frozen campaign list and its counts as one reader sees them (only the members in that reader's regions).
/// FrozenOn is the data's as_of day when it was frozen: the campaign's outcome counts what happened after it.
/// </summary>
public sealed record Campaign(
    long CampaignId,
    string Name,
    long? TargetId,
    TargetRule Rule,
    DateOnly FrozenOn,
    DateTime FrozenAt,
    IReadOnlyList<string>? Regions,
    decimal ControlFraction,
    int ControlSeed,
    string CreatedBy,
    long Members,
    long Targeted,
    long Control,
    decimal ValueAtStake);
