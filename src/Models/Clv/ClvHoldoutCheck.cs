using Analytics.Warehouse.Clv;
using DuckDB.NET.Data;

namespace Analytics.Models.Clv;

/// <summary>
/// Checks CLV against the revenue that followed, per 80/20 tier: the scoring entry point values the accounts on
/// their orders up to a cut day over the horizon after it (undiscounted, margin 1: a revenue forecast), and each
/// tier's predicted revenue is compared with what its accounts (as tiered on the cut day) spent in that horizon.
/// </summary>
public static class ClvHoldoutCheck
{
    /// <param name="options">how to value (the horizon is the holdout; discount and margin are set to 0 and 1).</param>
    /// <returns>null when the orders up to the cut cannot be fitted.</returns>
    public static IReadOnlyList<TierHoldout>? Run(DuckDBConnection connection, DateOnly cut, ClvOptions options, PurchaseTimeUnit unit, bool mergeDuplicates)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scores = ClvScoring.Run(connection, cut, options with { AnnualDiscountRate = 0, Margin = 1, IntervalDraws = 0 }, unit, mergeDuplicates);
        if (scores is null)
        {
            return null;
        }

        var rule = RevenueTiers.FromSettings(connection);
        var atCut = PurchaseSummaries.Read(connection, cut, unit, mergeDuplicates);
        var windowStart = PurchaseSummaries.Read(connection, rule.WindowStart(cut), unit, mergeDuplicates);
        var after = PurchaseSummaries.Read(connection, cut.AddMonths(options.HorizonMonths), unit, mergeDuplicates)
            .ToDictionary(s => s.AccountId, StringComparer.Ordinal);
        var predicted = scores.Accounts.ToDictionary(a => a.AccountId, a => (a.ExpectedPurchases, a.Clv), StringComparer.Ordinal);
        return TierHoldout.PerTier(atCut, windowStart, after, rule.Of(atCut, windowStart), predicted);
    }
}
