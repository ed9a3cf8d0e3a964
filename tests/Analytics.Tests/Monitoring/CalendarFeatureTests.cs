using Analytics.Models.Monitoring;
using Analytics.Warehouse.Features;

namespace Analytics.Tests.Monitoring;

/// <summary>
/// Issue 19: tenure grows with the calendar, so drift measures it as a share of the book's history on the day; a
/// steady book raises nothing, a wave of new accounts still does. Worked by hand.
/// </summary>
public sealed class CalendarFeatureTests
{
    private static readonly string[] Names = ["tenure_days", "orders_90d"];
    private static readonly DateOnly Trained = new(2024, 6, 30);
    private static readonly DateOnly Later = new(2024, 10, 8); // 100 days on

    [Fact]
    public void A_book_gaining_an_account_every_ten_days_keeps_its_tenure_shares_as_it_ages()
    {
        // Training day: history 100 days, accounts first ordered every 10 days: tenures 10..100, shares 0.1..1.0, so the
        // training deciles are 0.1..0.9 and each of the ten bins holds 0.1. A hundred days on: history 200, twenty
        // accounts with tenures 10..200, shares 0.05..1.0, two to a bin: PSI 0. Raw days would lie half above the
        // training maximum 100 (an out-of-range alert).
        var reference = Reference(Tenures(Trained, 10, 100));
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], reference.Edges);

        var later = Check(reference, Tenures(Later, 10, 200));
        Assert.Equal(0, later.Psi, 12);
        Assert.Equal(0.05, later.OutOfRangeShare, 12); // the newest account's 0.05, below the training minimum 0.1: under the 10% alert

        var raw = PopulationStability.Compare(PopulationStability.Reference([.. Enumerable.Range(1, 10).Select(k => k * 10.0)]), [.. Enumerable.Range(1, 20).Select(k => k * 10.0)]);
        Assert.Equal(0.5, raw.OutOfRangeShare);
    }

    [Fact]
    public void Ten_new_accounts_on_top_of_the_steady_twenty_still_drift_past_the_alert()
    {
        // Tenures 2, 4, .. 20 of a 200-day history: shares 0.01..0.1, all in the lowest bin. It then holds 12 of 30
        // (0.4), every other bin 2 of 30: PSI = (0.4 - 0.1) ln 4 + 9 (1/15 - 0.1) ln(2/3) = 0.3 ln 4 - 0.3 ln(2/3) = 0.3 ln 6.
        var reference = Reference(Tenures(Trained, 10, 100));
        var check = Check(reference, [.. Tenures(Later, 10, 200), .. Tenures(Later, 2, 20)]);
        Assert.Equal(0.3 * Math.Log(6), check.Psi, 12);
        Assert.True(check.Psi >= 0.25);
    }

    [Fact]
    public void Inactive_accounts_set_the_history_but_are_not_measured_and_other_features_pass_unchanged()
    {
        // The book's oldest account has churned: it still dates the history (200), the active ones are 50 and 100.
        var rows = new[] { Row(Later, 200, 3, active: false), Row(Later, 100, 2), Row(Later, 50, 1) };
        var values = MonitoredFeatures.OfActive(Names, rows);
        Assert.Equal([0.5, 0.25], values[0]);
        Assert.Equal([2.0, 1.0], values[1]);
    }

    private static StabilityReference Reference(FeatureRow[] rows) => PopulationStability.Reference(MonitoredFeatures.OfActive(Names, rows)[0]);

    private static StabilityCheck Check(StabilityReference reference, FeatureRow[] rows) =>
        PopulationStability.Compare(reference, MonitoredFeatures.OfActive(Names, rows)[0]);

    /// <summary>Accounts whose tenures on the day run from <paramref name="step"/> to <paramref name="oldest"/>, step apart.</summary>
    private static FeatureRow[] Tenures(DateOnly day, int step, int oldest) =>
        [.. Enumerable.Range(1, oldest / step).Select(k => Row(day, k * step, 1))];

    private static FeatureRow Row(DateOnly day, double tenure, double orders, bool active = true) =>
        new($"A{tenure}", day, [tenure, orders], active, null, null, 0m, 1, 0, tenure, null);
}
