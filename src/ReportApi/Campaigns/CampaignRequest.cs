using Analytics.Warehouse;
namespace Analytics.ReportApi.Campaigns;

/// <summary>
/// What freezing a campaign needs: a name, the rule (from a saved target or given), and the control group. FrozenOn,
/// when given, dates the freeze back to a past day of the data (the marts' as_of day when not). ControlAccountIds, when
/// given, is the control group as drawn elsewhere (a campaign run in another tool), instead of ControlFraction's draw.
/// </summary>
public sealed record CampaignRequest(string Name, long? TargetId, TargetRule Rule, decimal ControlFraction, int ControlSeed, string CreatedBy,
    DateOnly? FrozenOn = null, IReadOnlyList<string>? ControlAccountIds = null);
