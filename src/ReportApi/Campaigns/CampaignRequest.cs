using Analytics.Warehouse;
namespace Analytics.ReportApi.Campaigns;

/// <summary>What freezing a campaign needs: a name, the rule (from a saved target or given), and the control group.</summary>
public sealed record CampaignRequest(string Name, long? TargetId, TargetRule Rule, decimal ControlFraction, int ControlSeed, string CreatedBy);
