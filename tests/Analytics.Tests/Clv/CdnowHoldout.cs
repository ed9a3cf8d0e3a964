using System.Globalization;
using Analytics.Models.Clv;
using Analytics.Tests.Support;

namespace Analytics.Tests.Clv;

/// <summary>
/// The CDNOW sample read straight from its transactions (CDNOW_sample.txt), independently of the warehouse: each
/// customer's calibration summary (39 weeks, 1997-01-01 to 1997-09-30, in weeks; a purchase is a day with
/// transactions) and the purchase days it had in the 39-week holdout after (to 1998-06-30).
/// </summary>
internal static class CdnowHoldout
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    public static readonly DateOnly HoldoutEnd = new(1998, 6, 30);

    public const double HoldoutWeeks = 39;

    public static IReadOnlyList<(BgNbdCustomer Customer, int HoldoutPurchases)> Customers() =>
        File.ReadLines(Path.Combine(TestPaths.Dataset("cdnow_lifetimes"), "CDNOW_sample.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5)
            .Select(f => (Customer: f[1], Day: DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture)))
            .GroupBy(t => t.Customer, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var days = g.Select(t => t.Day).Distinct().Order().ToList();
                var calibration = days.Where(d => d <= CalibrationEnd).ToList();
                var first = calibration[0];
                var customer = new BgNbdCustomer(calibration.Count - 1, (calibration[^1].DayNumber - first.DayNumber) / 7.0,
                    (CalibrationEnd.DayNumber - first.DayNumber) / 7.0);
                return (customer, days.Count(d => d > CalibrationEnd && d <= HoldoutEnd));
            })
            .ToList();
}
