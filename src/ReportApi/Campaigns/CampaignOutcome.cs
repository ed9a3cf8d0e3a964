using Analytics.Warehouse;
namespace Analytics.ReportApi.Campaigns;

/// <summary>What the members of one group (targeted or control) did after the campaign was frozen, up to as_of.</summary>
/// <param name="Churned">members that churned (marts.account_churn) on a day after the freeze.</param>
public sealed record GroupOutcome(long Members, long OrderingMembers, long Orders, decimal Revenue, long Churned)
{
    public decimal? RevenuePerMember => Members == 0 ? null : Math.Round(Revenue / Members, 2);

    public double? ChurnRate => Members == 0 ? null : (double)Churned / Members;

    public double? OrderingRate => Members == 0 ? null : (double)OrderingMembers / Members;
}

/// <summary>A campaign's result: targeted against held-out control, from the day after FrozenOn to AsOf.</summary>
public sealed record CampaignOutcome(long CampaignId, DateOnly FrozenOn, DateOnly AsOf, GroupOutcome Targeted, GroupOutcome Control)
{
    /// <summary>Revenue per targeted member minus revenue per control member; null without a control group.</summary>
    public decimal? RevenueLiftPerMember => Targeted.RevenuePerMember - Control.RevenuePerMember;

    /// <summary>Control churn rate minus targeted churn rate: positive when the campaign kept accounts.</summary>
    public double? ChurnRateReduction => Control.ChurnRate - Targeted.ChurnRate;
}
