namespace Analytics.Models.Churn;

/// <summary>
/// The rule a manager applies without a model (as Dynamics 365 grades its churn model): "no purchase within N months
/// means churn", a month counted as 30 days. N is chosen from <see cref="CandidateMonths"/> on the training rows by
/// balanced accuracy (the mean of the churners' and the stayers' hit rates, which is the ROC AUC of a yes/no rule),
/// the shorter N on a tie. Its probability is the training churn rate on the rule's side of the line, so its Brier
/// score and calibration compare fairly with the models'.
/// </summary>
public sealed record InactivityRuleBaseline(int Months, double FlaggedRate, double UnflaggedRate)
{
    public const int DaysPerMonth = 30;

    public static IReadOnlyList<int> CandidateMonths { get; } = [1, 2, 3, 4, 6, 9, 12];

    public string Name => $"no purchase within {Months} months";

    public static InactivityRuleBaseline Fit(IReadOnlyList<double> recencyDays, IReadOnlyList<bool> churned)
    {
        ArgumentNullException.ThrowIfNull(recencyDays);
        ArgumentNullException.ThrowIfNull(churned);
        var churners = churned.Count(c => c);
        var stayers = churned.Count - churners;
        if (churners == 0 || stayers == 0)
        {
            throw new ArgumentException("The rule needs churners and stayers to choose from.", nameof(churned));
        }

        var best = CandidateMonths
            .Select(months =>
            {
                var flagged = recencyDays.Select(r => Flags(r, months)).ToList();
                var caught = flagged.Where((f, i) => f && churned[i]).Count() / (double)churners;
                var spared = flagged.Where((f, i) => !f && !churned[i]).Count() / (double)stayers;
                return (Months: months, Balanced: (caught + spared) / 2, Flagged: flagged);
            })
            .OrderByDescending(c => c.Balanced).ThenBy(c => c.Months)
            .First();
        return new InactivityRuleBaseline(best.Months, Rate(best.Flagged, churned, true), Rate(best.Flagged, churned, false));
    }

    public IReadOnlyList<double> Predict(IReadOnlyList<double> recencyDays)
    {
        ArgumentNullException.ThrowIfNull(recencyDays);
        return recencyDays.Select(r => Flags(r, Months) ? FlaggedRate : UnflaggedRate).ToList();
    }

    private static bool Flags(double recencyDays, int months) => recencyDays > months * DaysPerMonth;

    // An empty side of the line gets the overall rate: nothing on the training rows says otherwise.
    private static double Rate(List<bool> flagged, IReadOnlyList<bool> churned, bool side)
    {
        var onSide = flagged.Select((f, i) => (f, i)).Where(x => x.f == side).Select(x => churned[x.i]).ToList();
        return onSide.Count > 0 ? onSide.Count(c => c) / (double)onSide.Count : churned.Count(c => c) / (double)churned.Count;
    }
}
