using Analytics.Warehouse.Clv;
using DuckDB.NET.Data;

namespace Analytics.Models.Clv;

/// <summary>
/// The book's own latest period held out: the CLV horizon before the scoring day, or half the book's history when
/// that is shorter (so a young book keeps half its orders to fit on). The models fitted on the orders up to its
/// start forecast it, and the forecast is compared with what happened there: to choose BG/NBD or Pareto/NBD
/// (<see cref="PurchaseModelSelection"/>) and to learn each tier's correction (<see cref="TierCalibration"/>).
/// One fit of the calibration part serves both.
/// </summary>
internal static class ClvBacktest
{
    /// <returns>nulls when the book is too young to hold a period out (its calibration part has no repeat buyer).</returns>
    public static (PurchaseModelChoice? Choice, TierCalibration? Calibration) Run(DuckDBConnection connection, IReadOnlyList<AccountPurchaseSummary> latest,
        DateOnly asOf, PurchaseTimeUnit unit, bool mergeDuplicates, ClvOptions options)
    {
        var history = asOf.DayNumber - latest.Min(s => s.FirstPurchase).DayNumber;
        var holdoutDays = (int)Math.Min(Math.Round(options.HorizonMonths * PurchaseTimeUnits.DaysPerMonth), history / 2);
        var calibrationEnd = asOf.AddDays(-holdoutDays);
        var calibration = holdoutDays <= 0 ? [] : PurchaseSummaries.Read(connection, calibrationEnd, unit, mergeDuplicates);
        if (!calibration.Any(s => s.Frequency > 0))
        {
            return (null, null);
        }

        var later = latest.ToDictionary(s => s.AccountId, StringComparer.Ordinal);
        var after = calibration.Select(s => later.GetValueOrDefault(s.AccountId, s)).ToList();
        var customers = calibration.Select(ClvModel.BgNbdCustomerOf).ToList();
        var actual = calibration.Select((s, i) => (double)(after[i].Frequency - s.Frequency)).ToArray();
        var holdout = holdoutDays / unit.Days();
        var (choice, purchases) = options.ChooseModelOnHoldout
            ? PurchaseModelSelection.Choose(customers, actual, calibrationEnd, holdout, holdoutDays)
            : (null, BgNbdModel.Fit(customers));
        if (!options.CalibrateTiers)
        {
            return (choice, null);
        }

        var rule = RevenueTiers.FromSettings(connection);
        var windowStart = PurchaseSummaries.Read(connection, rule.WindowStart(calibrationEnd), unit, mergeDuplicates);
        var spenders = options.RecentSpend ? RecentSpend.Of(calibration, windowStart) : [.. calibration.Select(ClvModel.GammaGammaCustomerOf)];
        var spending = calibration.Where(s => s.Frequency > 0 && s.MeanRepeatSpend > 0).Select(ClvModel.GammaGammaCustomerOf).ToList();
        if (spending.Count < 2)
        {
            return (choice, null);
        }

        var spend = GammaGammaModel.Fit(spending);
        var oneOffSpend = FirstPurchaseSpend.Fit(calibration
            .Select((s, i) => (s, after: after[i]))
            .Where(p => TierHoldout.BuyersOf(p.s) == TierHoldout.OneOff)
            .Select(p => (p.s.TotalSpend, p.after.Frequency - p.s.Frequency, p.after.TotalSpend - p.s.TotalSpend)));
        var valuation = new TierCalibration(calibrationEnd, holdoutDays, [], oneOffSpend);
        var predicted = calibration.Select((s, i) =>
        {
            var purchasesExpected = purchases.ConditionalExpectedPurchases(ClvModel.BgNbdCustomerOf(s), holdout);
            var spendExpected = valuation.Spend(s, GammaGammaModel.ConditionalExpectedMeanSpend(spend, spenders[i]));
            return (s.AccountId, Value: (purchasesExpected, (decimal)(purchasesExpected * spendExpected)));
        }).ToDictionary(p => p.AccountId, p => p.Value, StringComparer.Ordinal);
        return (choice, valuation with
        {
            Tiers = TierHoldout.PerTier(calibration, windowStart, later, rule.Of(calibration, windowStart), predicted, splitBuyers: true),
        });
    }
}
