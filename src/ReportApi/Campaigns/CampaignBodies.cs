using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.ReportApi.Campaigns;

/// <summary>POST /api/targets: a name and a rule (see TargetRule).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TargetBody(string? Name, JsonElement? Rule);

/// <summary>
/// POST /api/campaigns: a name, and either a saved target's id or a rule; controlFraction (default 0) of the members
/// is held out as the control group, chosen by seed (default 1); frozenOn (a past day, default the data's as_of day)
/// dates the freeze back, so the outcome counts the orders after that day. controlAccountIds, instead of controlFraction,
/// names the control group of a campaign whose hold-out was drawn elsewhere (each must be one of the members).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CampaignBody(string? Name, long? TargetId, JsonElement? Rule, decimal? ControlFraction, int? Seed, DateOnly? FrozenOn = null,
    IReadOnlyList<string>? ControlAccountIds = null);
