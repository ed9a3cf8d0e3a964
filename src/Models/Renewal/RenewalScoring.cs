using Analytics.Warehouse.Clv;

namespace Analytics.Models.Renewal;

/// <summary>
/// Fits the sBG model on the auto-renewing contracts (each renewal one period, all contracts one cohort) and
/// gives each contract account the renewal it faces first: the contract with the earliest cancel-by day, and
/// the chance it is refused given the renewals that contract has kept.
/// </summary>
public static class RenewalScoring
{
    /// <returns>null when the contracts cannot be fitted: none lost yet, or none renewed yet.</returns>
    public static RenewalScores? Score(IReadOnlyList<ContractRenewal> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        var histories = contracts.Select(c => new RenewalHistory(c.RenewalsKept, c.Lost)).ToList();
        if (!histories.Any(h => h.Lost) || !histories.Any(h => !h.Lost && h.RenewalsKept > 0))
        {
            return null;
        }

        var fit = ShiftedBetaGeometricModel.Fit(histories);
        var accounts = contracts
            .Where(c => !c.Lost && c.CancelBy is not null)
            .GroupBy(c => c.AccountId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => c.CancelBy).ThenBy(c => c.ContractId, StringComparer.Ordinal).First())
            .Select(c => new AccountRenewal(c.AccountId, c.ContractId, c.CancelBy!.Value,
                ShiftedBetaGeometricModel.NonRenewalProbability(fit, c.RenewalsKept)))
            .OrderBy(a => a.AccountId, StringComparer.Ordinal)
            .ToList();
        return new RenewalScores(fit, contracts.Count, contracts.Count(c => c.Lost), accounts);
    }
}
