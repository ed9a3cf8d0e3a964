namespace Analytics.Models.Scores;

/// <summary>
/// What a scoring pass computed for one master account; every account of the company (duplicates included)
/// gets its master's figures. Null where a model does not apply (no order yet, or already churned).
/// </summary>
public sealed record MasterScore(
    string MasterAccountId,
    double? ChurnProbability,
    string? ChurnRiskBand,
    string? ChurnReasonsJson,
    decimal? ValueMl,
    decimal? ValueBgnbd,
    decimal? PredictedValue,
    double? ExpectedPurchases,
    double? PAlive,
    decimal? ExpectedSpend);
