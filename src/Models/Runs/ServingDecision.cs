namespace Analytics.Models.Runs;

/// <summary>Whether a new run takes over serving, and why (stored as model_runs.serving_reason).</summary>
public sealed record ServingDecision(bool Serves, string Reason)
{
    /// <summary>
    /// The rule: a new run serves unless the serving run, scored on the new run's own holdout, does better.
    /// "Not worse" serves, so retraining on the same data moves serving to the newer run. A serving run that
    /// cannot be scored on the new holdout (other features, or no artifact) cannot be compared; the new run serves.
    /// </summary>
    public static ServingDecision Decide(
        ModelRunRecord? serving, IReadOnlyList<string> features, bool notWorse, Func<string> comparison)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(comparison);
        if (serving is null)
        {
            return new(true, "first run of this model");
        }

        if (!serving.Features.SequenceEqual(features))
        {
            return new(true, $"{serving.Version} was trained on other features, so it cannot be scored on this holdout");
        }

        return notWorse
            ? new(true, $"not worse than {serving.Version} on the same holdout: {comparison()}")
            : new(false, $"worse than {serving.Version} on the same holdout, which keeps serving: {comparison()}");
    }
}
