using Analytics.Warehouse;
namespace Analytics.ReportApi.Campaigns;

/// <summary>A saved rule.</summary>
public sealed record Target(long TargetId, string Name, TargetRule Rule, DateTime CreatedAt, string CreatedBy);
