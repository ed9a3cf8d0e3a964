using Analytics.Warehouse.Clv;
using DuckDB.NET.Data;

namespace Analytics.Models.Clv;

/// <summary>
/// Chooses BG/NBD or Pareto/NBD for a book by how each forecast the book's own latest period: both are fitted on
/// the orders up to a calibration end one horizon before the scoring day, and each account's expected purchases
/// over the holdout are compared with the purchase days it actually had there.
/// </summary>
public static class PurchaseModelSelection
{
    /// <returns>null when the book is too young to hold a holdout out (its calibration part has no repeat buyer).</returns>
    public static PurchaseModelChoice? OnHoldout(DuckDBConnection connection, IReadOnlyList<AccountPurchaseSummary> latest, DateOnly asOf,
        PurchaseTimeUnit unit, bool mergeDuplicates, int horizonMonths)
    {
        ArgumentNullException.ThrowIfNull(latest);
        // The holdout is the CLV horizon, or half the book's history when that is shorter, so a young book still
        // keeps half its orders to fit on.
        var history = asOf.DayNumber - latest.Min(s => s.FirstPurchase).DayNumber;
        var holdoutDays = (int)Math.Min(Math.Round(horizonMonths * PurchaseTimeUnits.DaysPerMonth), history / 2);
        var calibrationEnd = asOf.AddDays(-holdoutDays);
        var calibration = holdoutDays <= 0 ? [] : PurchaseSummaries.Read(connection, calibrationEnd, unit, mergeDuplicates);
        return calibration.Any(s => s.Frequency > 0) ? Choose(calibration, latest, calibrationEnd, unit, holdoutDays) : null;
    }

    /// <param name="calibration">the summaries as of <paramref name="calibrationEnd"/>.</param>
    /// <param name="latest">the same accounts' summaries at the holdout's end: the purchase days they added are the holdout's.</param>
    public static PurchaseModelChoice Choose(IReadOnlyList<AccountPurchaseSummary> calibration, IReadOnlyList<AccountPurchaseSummary> latest,
        DateOnly calibrationEnd, PurchaseTimeUnit unit, int holdoutDays)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(latest);
        var customers = calibration.Select(ClvModel.BgNbdCustomerOf).ToList();
        var models = new IRepeatPurchaseFit[] { BgNbdModel.Fit(customers), ParetoNbdModel.Fit(customers) };
        var later = latest.ToDictionary(s => s.AccountId, s => s.Frequency, StringComparer.Ordinal);
        var actual = calibration.Select(s => (double)(later.GetValueOrDefault(s.AccountId, s.Frequency) - s.Frequency)).ToArray();
        var t = holdoutDays / unit.Days();
        var expected = models.Select(m => customers.Select(c => m.ConditionalExpectedPurchases(c, t)).ToArray()).ToArray();
        var mae = expected.Select(e => e.Select((v, i) => Math.Abs(v - actual[i])).Average()).ToArray();
        return new PurchaseModelChoice(calibrationEnd, holdoutDays, calibration.Count, actual.Sum(),
            expected[0].Sum(), mae[0], expected[1].Sum(), mae[1], mae[1] < mae[0] ? ParetoNbdFit.Name : BgNbdFit.Name);
    }
}
