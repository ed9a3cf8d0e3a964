namespace Analytics.Models.Actions;

/// <summary>
/// An account re-scored with changed features: the churn probability of the pass's features and with the changes,
/// by the churn model that scored the pass (<see cref="ChurnVersion"/>).
/// </summary>
public sealed record WhatIfAnswer(
    string AccountId,
    string MasterAccountId,
    long ScoreRunId,
    string ChurnVersion,
    double ChurnProbability,
    double ProbabilityAfter,
    IReadOnlyList<WhatIfChange> Changes);

/// <summary>One changed feature: its value in the pass and the value asked for.</summary>
public sealed record WhatIfChange(string Feature, double From, double To);
