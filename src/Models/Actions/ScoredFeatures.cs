namespace Analytics.Models.Actions;

/// <summary>A master account's churn features as a scoring pass scored them (models.scored_features): what a what-if changes.</summary>
public sealed record ScoredFeatures(string AccountId, double[] Values);
