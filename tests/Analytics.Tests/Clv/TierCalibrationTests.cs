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
    public void A_one_off_buyers_spend_is_the_backtests_line_through_their_first_purchase_weighted_by_their_purchases()
    {
        // One-off buyers on the backtest's first day: first purchase, then purchases and spend in its holdout.
        // Weighted by purchases (30): mean first purchase 30, mean spend 1,020 / 30 = 34; Σn(x-30)(y) = 10·(-20)·25
        // + 10·20·45 = 4,000 over Σn(x-30)² = 8,000: slope 0.5, intercept 34 - 0.5·30 = 19. The buyer of 1,000 who
        // did not buy again has no purchase to weigh.
        var line = FirstPurchaseSpend.Fit([(10m, 10, 250m), (30m, 10, 320m), (50m, 10, 450m), (1_000m, 0, 0m)]);
        Assert.Equal(new FirstPurchaseSpend(19, 0.5), line);
        Assert.Equal(39, line!.Spend(40m));

        // 29 purchases say too little; a line falling with the first purchase would value big buyers at nothing.
        Assert.Null(FirstPurchaseSpend.Fit([(10m, 10, 250m), (30m, 10, 320m), (50m, 9, 405m)]));
        Assert.Null(FirstPurchaseSpend.Fit([(10m, 10, 450m), (30m, 10, 320m), (50m, 10, 250m)]));
        Assert.Null(FirstPurchaseSpend.Fit([(20m, 40, 800m)]));
    }

    [Fact]
    public void A_tiers_one_off_and_repeat_buyers_are_corrected_by_their_own_realised_over_predicted_spend_per_purchase()
    {
        var calibration = new TierCalibration(Day, 365,
        [
            // A, repeat: 100 predicted a purchase (1,000 over 10), 110 realised (3,630 over 33): x 1.1.
            new TierHoldout("A", 4, 5_000m, 1_000m, 3_630m, 10, 33) { Buyers = TierHoldout.Repeat },
            // A, one-off: 39 predicted a purchase (390 over 10), 31.20 realised (1,248 over 40): x 0.8.
            new TierHoldout("A", 30, 2_000m, 390m, 1_248m, 10, 40) { Buyers = TierHoldout.OneOff },
            // B, repeat: 62.50 predicted (500 over 8), 50 realised (1,550 over 31): x 0.8; B had no one-off buyer.
            new TierHoldout("B", 9, 2_000m, 500m, 1_550m, 8, 31) { Buyers = TierHoldout.Repeat },
            new TierHoldout("B", 0, 0m, 0m, 0m, 0, 0) { Buyers = TierHoldout.OneOff },
            // C, one-off: 29 purchases are too few to correct by: x 1.
            new TierHoldout("C", 20, 300m, 400m, 100m, 20, 29) { Buyers = TierHoldout.OneOff },
        ],
        new FirstPurchaseSpend(19, 0.5));
        Assert.Equal(
            [1.1, 0.8, 0.8, 1.0, 1.0, 1.0],
            RevenueTiers.Names.SelectMany(_ => new[] { TierHoldout.Repeat, TierHoldout.OneOff }, (t, b) => Math.Round(calibration.SpendFactor(t, b), 12)));

        var interval = new ValueInterval(2, 4, 1, 6, 0.93, 150m, 450m);
        IReadOnlyList<AccountValue> values =
        [
            new("x", 3.0, 0.9, 100m, 300m) { Interval = interval },
            new("y", 3.0, 0.9, 100m, 300m),
            new("w", 0.4, 0.5, 25m, 10m),
            new("z", 0.5, 0.4, 30m, 15m),
        ];
        IReadOnlyList<AccountPurchaseSummary> summaries =
        [
            Summary("x", 3, 300, 400), Summary("y", 2, 200, 260), Summary("w", 0, 0, 42), Summary("z", 0, 0, 40),
        ];
        var tiers = new Dictionary<string, string>(StringComparer.Ordinal) { ["x"] = "A", ["y"] = "B", ["w"] = "A", ["z"] = "C" };

        // w bought once for 42: 19 + 0.5·42 = 40 a purchase, x 0.8 (A's one-off buyers) = 32, its CLV 10 x 32/25;
        // z bought once for 40: 39 a purchase, x 1, its CLV 15 x 39/30.
        Assert.Equal(
            [
                new AccountValue("x", 3.0, 0.9, 110m, 330m) { Interval = interval with { ClvLow = 165m, ClvHigh = 495m } },
                new AccountValue("y", 3.0, 0.9, 80m, 240m),
                new AccountValue("w", 0.4, 0.5, 32m, 12.8m),
                new AccountValue("z", 0.5, 0.4, 39m, 19.5m),
            ],
            calibration.Apply(values, summaries, tiers));
    }
}
