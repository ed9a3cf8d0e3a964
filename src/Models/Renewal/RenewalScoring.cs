using Analytics.Warehouse.Clv;
using DuckDB.NET.Data;

namespace Analytics.Models.Renewal;

/// <summary>
/// Fits the renewal model on the auto-renewing contracts (each renewal one period, all contracts one cohort) and
/// gives each contract account the renewal it faces first: the contract with the earliest cancel-by day, and
/// the chance it is refused given the renewals that contract has kept.
/// </summary>
public static class RenewalScoring
{
    public const string ShiftedBetaGeometric = "sBG";

    public const string Geometric = "geometric";

    /// <summary>Reads the contracts from the contract marts (refreshed first) and scores them.</summary>
    public static RenewalScores? Score(DuckDBConnection connection) => Score(ContractRenewals.Read(connection));

    /// <returns>null when nothing can be said: no contract lost yet, or none that faced a renewal.</returns>
    public static RenewalScores? Score(IReadOnlyList<ContractRenewal> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        var lost = contracts.Count(c => c.Lost);
        if (lost == 0 || !contracts.Any(c => !c.Lost && c.RenewalsKept > 0))
        {
            return null;
        }

        // When every loss came at a first renewal, the sBG likelihood keeps rising as α and β shrink together:
        // it would say that whoever renewed once never leaves. With no loss at a later renewal the data cannot
        // show how loyalty grows, so one refusal rate for every renewal is all it supports: losses / renewals faced.
        if (contracts.All(c => !c.Lost || c.RenewalsKept == 0))
        {
            var faced = contracts.Sum(c => c.RenewalsKept + (c.Lost ? 1 : 0));
            var rate = (double)lost / faced;
            return new RenewalScores(Geometric, null, rate, contracts.Count, lost, NextRenewals(contracts, _ => rate));
        }

        var fit = ShiftedBetaGeometricModel.Fit(contracts.Select(c => new RenewalHistory(c.RenewalsKept, c.Lost)).ToList());
        return new RenewalScores(ShiftedBetaGeometric, fit, null, contracts.Count, lost,
            NextRenewals(contracts, kept => ShiftedBetaGeometricModel.NonRenewalProbability(fit, kept)));
    }

    private static List<AccountRenewal> NextRenewals(IReadOnlyList<ContractRenewal> contracts, Func<int, double> nonRenewal) =>
        contracts
            .Where(c => !c.Lost && c.CancelBy is not null)
            .GroupBy(c => c.AccountId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => c.CancelBy).ThenBy(c => c.ContractId, StringComparer.Ordinal).First())
            .Select(c => new AccountRenewal(c.AccountId, c.ContractId, c.CancelBy!.Value, nonRenewal(c.RenewalsKept)))
            .OrderBy(a => a.AccountId, StringComparer.Ordinal)
            .ToList();
}
