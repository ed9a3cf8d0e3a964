namespace Analytics.Warehouse.Marts;

/// <summary>A candidate pair of marts.account_duplicates as a person reviews it: the two accounts, the score and the rule behind it.</summary>
public sealed record DuplicateCandidate(
    string AccountId, string Name, string OtherAccountId, string OtherName, decimal Score, string Rule, string Status, string? DecidedBy);
