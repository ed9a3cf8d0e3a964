namespace Analytics.Warehouse.Features;

/// <summary>
/// One master account at one cutoff: its features (in <see cref="FeatureTables.Names"/> order), what happened
/// after (for training and evaluation; null when not known yet), and its purchase history for BG/NBD.
/// MissingFeatures names the features whose 0 stands for a missing value (Features/095_missing_features.sql):
/// the models read the 0, monitoring counts them missing.
/// </summary>
public sealed record FeatureRow(
    string MasterAccountId,
    DateOnly Cutoff,
    double[] Values,
    bool IsActive,
    bool? Churned,
    decimal? NextValue,
    decimal LastValue,
    int Frequency,
    double RecencyDays,
    double AgeDays,
    double? MeanRepeatSpend)
{
    public IReadOnlySet<string> MissingFeatures { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
