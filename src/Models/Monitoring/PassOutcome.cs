namespace Analytics.Models.Monitoring;

/// <summary>
/// One row of models.pass_outcomes: what happened, over the horizon, to one group of the companies a pass scored
/// (region and tier, <see cref="PassOutcomes.All"/> for every one). Churn rows fill the churn figures, value rows the
/// value figures; a figure the group cannot give (an AUC without a churner) is null.
/// </summary>
public sealed record PassOutcome(
    long ScoreRunId,
    string Model,
    string Region,
    string Tier,
    string Version,
    DateOnly AsOf,
    DateOnly OutcomeThrough,
    bool OutOfTime,
    long Accounts)
{
    public long? Churned { get; init; }

    public double? RocAuc { get; init; }

    public double? PrAuc { get; init; }

    public double? Brier { get; init; }

    public double? CalibrationError { get; init; }

    public double? TrainedRocAuc { get; init; }

    public decimal? PredictedValue { get; init; }

    public decimal? RealisedValue { get; init; }

    public double? Rmse { get; init; }

    public double? Mae { get; init; }

    public double? Top20Capture { get; init; }

    public bool IsOverall => Region == PassOutcomes.All && Tier == PassOutcomes.All;
}
