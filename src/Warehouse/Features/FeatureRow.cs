namespace Analytics.Warehouse.Features;

/// <summary>
/// One master account at one cutoff: its features (in <see cref="FeatureTables.Names"/> order), what happened
/// after (for training and evaluation; null when not known yet), and its purchase history for BG/NBD.
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
    double? MeanRepeatSpend);
