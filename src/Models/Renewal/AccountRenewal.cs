namespace Analytics.Models.Renewal;

/// <summary>
/// A contract account's next renewal: the contract up for it, the last day a notice stops it, and the chance
/// the account does not renew (models.account_scores: contract_id, cancel_by, non_renewal_probability).
/// </summary>
public sealed record AccountRenewal(string AccountId, string ContractId, DateOnly CancelBy, double NonRenewalProbability);
