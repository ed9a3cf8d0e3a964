namespace Analytics.Models.Features;

/// <summary>
/// The cutoff days of a training: the holdout is the latest day whose outcome is known (as_of minus the horizon);
/// the training cutoffs step back from the holdout minus the horizon, so no training outcome reaches into the
/// holdout's own window (evaluation is out of time, on a period no training row has seen).
/// </summary>
public sealed record CutoffSchedule(DateOnly AsOf, DateOnly Holdout, IReadOnlyList<DateOnly> Training)
{
    public static CutoffSchedule For(DateOnly asOf, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var holdout = asOf.AddDays(-settings.HorizonDays);
        var training = Enumerable.Range(0, settings.TrainingCutoffs)
            .Select(k => holdout.AddDays(-settings.HorizonDays - (k * settings.CutoffStepDays)))
            .Order()
            .ToList();
        return new CutoffSchedule(asOf, holdout, training);
    }

    public IReadOnlyList<DateOnly> All => [.. Training, Holdout];
}
