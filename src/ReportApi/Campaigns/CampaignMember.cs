using Analytics.Warehouse;
namespace Analytics.ReportApi.Campaigns;

/// <summary>
/// One account of a target preview or a campaign list, as one reader may see it: contact fields are null where
/// their role or the contact's consent does not allow them.
/// </summary>
public sealed record CampaignMember(
    string AccountId,
    string Name,
    string? Region,
    string? Industry,
    string? Tier,
    int? Level,
    string? LifecycleStage,
    double? ChurnProbability,
    double? ChurnProbabilityChange,
    decimal? PredictedValue,
    decimal Revenue12m,
    DateOnly? CancelBy,
    string? TopReasons,
    bool IsControl,
    string? ContactName,
    string? ContactPhone)
{
    /// <summary>The column list every member query selects (m: the members, a: core.accounts), read by <see cref="Read"/> by name.</summary>
    internal static string Columns(string contactName, string contactPhone, string isControl) => $"""
        m.account_id, m.name, m.region, m.industry, m.tier, m.level, m.lifecycle_stage, m.churn_probability,
        m.churn_probability_change, m.predicted_value, m.revenue_12m, m.cancel_by, m.top_reasons, {isControl} as is_control,
        {contactName} as contact_name, {contactPhone} as contact_phone
        """;

    internal static CampaignMember Read(System.Data.Common.DbDataReader r) => new(
        r.Get<string>("account_id"),
        r.Get<string>("name"),
        r.GetOrNull<string>("region"),
        r.GetOrNull<string>("industry"),
        r.GetOrNull<string>("tier"),
        r.Get<int?>("level"),
        r.GetOrNull<string>("lifecycle_stage"),
        r.Get<double?>("churn_probability"),
        r.Get<double?>("churn_probability_change"),
        r.Get<decimal?>("predicted_value"),
        r.Get<decimal>("revenue_12m"),
        r.Get<DateOnly?>("cancel_by"),
        r.GetOrNull<string>("top_reasons"),
        r.Get<bool>("is_control"),
        r.GetOrNull<string>("contact_name"),
        r.GetOrNull<string>("contact_phone"));
}
