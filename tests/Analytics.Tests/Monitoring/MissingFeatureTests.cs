using Analytics.Models.Monitoring;
using Analytics.Tests.Marts;
using Analytics.Warehouse.Features;

namespace Analytics.Tests.Monitoring;

/// <summary>
/// Issue 19: the missing share counts the values the features hold as 0 for a missing one, on the hand-written small
/// book (<see cref="SqlModelTests.SmallBook"/>): its first ticket is of 2025-01-06, its only invoice of 2025-01-03,
/// its contract started 2024-01-01, only A1's order carries lines (a cost), and no ticket has a rating.
/// </summary>
public sealed class MissingFeatureTests(SqlModelTests.SmallBook book) : IClassFixture<SqlModelTests.SmallBook>
{
    [Fact]
    public void A_source_that_covers_none_of_a_window_and_a_value_with_nothing_to_compute_it_from_count_missing()
    {
        var rows = new FeatureTables(book.Connection).Read().ToDictionary(r => (r.MasterAccountId, r.Cutoff));
        var (first, last) = (SqlModelTests.SmallBook.Cutoffs[0], SqlModelTests.SmallBook.Cutoffs[1]);

        // 2024-06-30: only A2 has ordered (O3, no lines: no cost). No ticket and no invoice yet in the whole book, so
        // every ticket and payment feature is missing; the contract source has C1, so contract features are not.
        Assert.Equal(
            ["complaints_365d", "complaints_90d", "late_invoices_365d", "late_share_365d", "low_ratings_180d", "margin_365d",
             "mean_days_late_365d", "overdue_amount", "satisfaction_180d", "sla_breaches_90d", "tickets_90d"],
            rows[("A2", first)].MissingFeatures.Order(StringComparer.Ordinal));
        Assert.Equal([0.0, 0.0], [rows[("A2", first)].Values[Index("tickets_90d")], rows[("A2", first)].Values[Index("late_share_365d")]]);

        // 2025-02-03: tickets and an invoice in their windows now. A1 (master of A3) has a costed order and an invoice
        // due: only its satisfaction is missing (its ticket has no rating). A2 has no cost and no invoice of its own.
        Assert.Equal(["satisfaction_180d"], rows[("A1", last)].MissingFeatures);
        Assert.Equal(["late_share_365d", "margin_365d", "mean_days_late_365d", "satisfaction_180d"],
            rows[("A2", last)].MissingFeatures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_name_the_missing_model_lists_is_a_feature()
    {
        var names = new FeatureTables(book.Connection).Names();
        Assert.All(new FeatureTables(book.Connection).Read().SelectMany(r => r.MissingFeatures), n => Assert.Contains(n, names));
    }

    [Fact]
    public void Monitoring_reads_a_missing_feature_as_missing_while_the_models_keep_its_zero()
    {
        var names = new FeatureTables(book.Connection).Names();
        var rows = new FeatureTables(book.Connection).Read().Where(r => r.Cutoff == SqlModelTests.SmallBook.Cutoffs[1]).ToList();
        var values = MonitoredFeatures.OfActive(names, rows);
        var satisfaction = values[Index("satisfaction_180d")];
        Assert.NotEmpty(satisfaction);
        Assert.Equal(rows.Count(r => r.IsActive), satisfaction.Length);
        Assert.All(satisfaction, v => Assert.True(double.IsNaN(v)));
        Assert.Equal(1.0, PopulationStability.Compare(PopulationStability.Reference([4, 5]), satisfaction).MissingShare);
        Assert.All(rows, r => Assert.Equal(0.0, r.Values[Index("satisfaction_180d")]));
    }

    private int Index(string feature) => new FeatureTables(book.Connection).Names().ToList().IndexOf(feature);
}
