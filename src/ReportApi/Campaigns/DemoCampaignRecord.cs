using Analytics.Ingest.Demo;
using DuckDB.NET.Data;

namespace Analytics.ReportApi.Campaigns;

/// <summary>
/// The campaign the demo company ran on a past day, recorded as marketing records a campaign run elsewhere: its
/// members and the control group it held out (controlAccountIds), so a newcomer's first campaign has an outcome with
/// lift to read. Done once, after the demo's first load, marts and scoring.
/// </summary>
public static class DemoCampaignRecord
{
    /// <summary>The campaign's id; null when the demo was too small to hold both groups.</summary>
    public static long? Record(DuckDBConnection connection, DemoCampaignList campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (campaign.Targeted.Count == 0 || campaign.Control.Count == 0)
        {
            return null;
        }

        var rule = new TargetRule { AccountIds = [.. campaign.Targeted, .. campaign.Control] };
        return CampaignStore.Freeze(connection,
            new CampaignRequest(campaign.Name, null, rule, 0, 1, "demo", campaign.FrozenOn, campaign.Control), "true", null);
    }
}
