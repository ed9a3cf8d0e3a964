using Analytics.Models.Clv;
using Analytics.Warehouse.Clv;

namespace Analytics.Tests.Clv;

/// <summary>
/// The arithmetic of the per-tier correction of CLV (issue 16, item 7: "fix the method ... realised / predicted within
/// 0.8-1.25 for each tier"), on a tiny book written by hand: which purchases value an account's spend, and how a
/// tier's miss on the backtest corrects today's values.
/// </summary>
public sealed class TierCalibrationTests
{
    private static readonly DateOnly Day = new(2025, 1, 1);

    private static AccountPurchaseSummary Summary(string id, int frequency, decimal repeatSpend, decimal totalSpend) =>
        new(id, frequency, 0, 0, repeatSpend, Day, Day) { TotalSpend = totalSpend };

    [Fact]
    public void Spend_is_valued_from_the_repeat_purchases_of_the_window_and_never_from_the_first_purchase()
    {
        // At the window's start: a bought 2 times (300 in all), c once (50); b and d had not bought yet.
        IReadOnlyList<AccountPurchaseSummary> windowStart = [Summary("a", 1, 200, 300), Summary("c", 0, 0, 50)];
        IReadOnlyList<AccountPurchaseSummary> atDay =
        [
            Summary("a", 3, 600, 700), // 2 purchases in the window, 700 - 300 = 400: 200 each
            Summary("b", 2, 90, 100),  // first purchase (10) in the window, 2 repeat purchases of 90: 45 each
            Summary("c", 1, 30, 80),   // its one repeat purchase (30) is its only one in the window
            Summary("d", 0, 0, 25),    // one purchase ever: nothing to value by, the book's mean
        ];

        Assert.Equal(
            [new GammaGammaCustomer(2, 200), new GammaGammaCustomer(2, 45), new GammaGammaCustomer(1, 30), new GammaGammaCustomer(0, 0)],
            RecentSpend.Of(atDay, windowStart));
    }

    [Fact]
    public void A_tier_is_corrected_by_its_realised_over_predicted_spend_per_purchase_and_its_purchases_are_left_alone()
    {
        var calibration = new TierCalibration(Day, 365,
        [
            // A: 100 predicted a purchase (1,000 over 10), 110 realised (3,630 over 33): x 1.1.
            new TierHoldout("A", 4, 5_000m, 1_000m, 3_630m, 10, 33),
            // B: 62.50 predicted (500 over 8), 50 realised (1,550 over 31): x 0.8.
            new TierHoldout("B", 9, 2_000m, 500m, 1_550m, 8, 31),
            // C: 29 purchases are too few to correct by: x 1.
            new TierHoldout("C", 20, 300m, 400m, 100m, 20, 29),
        ]);
        Assert.Equal([1.1, 0.8, 1.0], RevenueTiers.Names.Select(t => Math.Round(calibration.SpendFactor(t), 12)));

        var interval = new ValueInterval(2, 4, 1, 6, 0.93, 150m, 450m);
        IReadOnlyList<AccountValue> values =
        [
            new("x", 3.0, 0.9, 100m, 300m) { Interval = interval },
            new("y", 3.0, 0.9, 100m, 300m),
            new("z", 0.5, 0.4, 33.33m, 16.67m),
        ];
        var tiers = new Dictionary<string, string>(StringComparer.Ordinal) { ["x"] = "A", ["y"] = "B", ["z"] = "C" };

        Assert.Equal(
            [
                new AccountValue("x", 3.0, 0.9, 110m, 330m) { Interval = interval with { ClvLow = 165m, ClvHigh = 495m } },
                new AccountValue("y", 3.0, 0.9, 80m, 240m),
                new AccountValue("z", 0.5, 0.4, 33.33m, 16.67m),
            ],
            calibration.Apply(values, tiers));
    }
}
