namespace Analytics.Models.Actions;

/// <summary>
/// One recommended action for a master account in a scoring pass (models.next_actions): the driver's value now and
/// once done, and the churn probability now and re-scored with that value. Rank 1 lowers the probability most.
/// </summary>
public sealed record NextAction(
    string AccountId,
    string Action,
    int Rank,
    string Feature,
    double CurrentValue,
    double HealthyValue,
    double ChurnProbability,
    double ProbabilityAfter,
    DateOnly? DueBy);
