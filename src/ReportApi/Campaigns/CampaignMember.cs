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
    /// <summary>The column list every member query selects, in this record's order (m: the members, a: core.accounts).</summary>
    internal static string Columns(string contactName, string contactPhone, string isControl) => $"""
        m.account_id, m.name, m.region, m.industry, m.tier, m.level, m.lifecycle_stage, m.churn_probability,
        m.churn_probability_change, m.predicted_value, m.revenue_12m, m.cancel_by, m.top_reasons, {isControl},
        {contactName} as contact_name, {contactPhone} as contact_phone
        """;

    internal static CampaignMember Read(System.Data.Common.DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        Text(r, 2),
        Text(r, 3),
        Text(r, 4),
        r.IsDBNull(5) ? null : r.GetInt32(5),
        Text(r, 6),
        r.IsDBNull(7) ? null : r.GetDouble(7),
        r.IsDBNull(8) ? null : r.GetDouble(8),
        r.IsDBNull(9) ? null : r.GetDecimal(9),
        r.GetDecimal(10),
        r.IsDBNull(11) ? null : DateOnly.FromDateTime(r.GetDateTime(11)),
        Text(r, 12),
        r.GetBoolean(13),
        Text(r, 14),
        Text(r, 15));

    private static string? Text(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
