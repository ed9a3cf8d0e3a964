namespace Analytics.Warehouse.Clv;

/// <summary>
/// One auto-renewing contract's renewal record (contract_renewals.sql): the renewals it kept, whether it was
/// lost at the next one, and the last day to refuse the next renewal when one is coming.
/// </summary>
public sealed record ContractRenewal(string ContractId, string AccountId, int RenewalsKept, bool Lost, DateOnly? CancelBy);
