namespace Analytics.Models.Actions;

/// <summary>
/// One thing a person can do about an account, tied to the one churn feature it changes: when the account's
/// situation calls for it (<see cref="Applies"/>) and the value that feature would have once it is done
/// (<see cref="Healthy"/>). The model re-scores the account with that value: the action's estimated effect.
/// </summary>
public sealed record ActionDriver(
    string Action,
    string Feature,
    Func<double, ActionContext, bool> Applies,
    Func<double, ActionContext, double> Healthy);
