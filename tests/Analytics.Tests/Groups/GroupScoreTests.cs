using Analytics.ReportApi.Access;
using Analytics.Tests.Security;
using Analytics.Warehouse;

namespace Analytics.Tests.Groups;

/// <summary>
/// A group's scores (OData Groups, Reports/groups.sql) on the hand-written <see cref="GroupBook"/> with a scoring pass
/// written by hand. Members' 12-month revenue: G1 100,000.10, G2 70,000.55, G3 (华北) 30,000.05, G4 12,345.67.
///   G1 p 0.5  predicted 1,000.00: revenue at risk 50,000.05, cost of churn 500.00
///   G2 p 0.2  predicted   300.00: revenue at risk 14,000.11, cost of churn  60.00
///   G3 p 0.25 predicted    50.00: revenue at risk 7,500.0125 -> 7,500.01, cost of churn 12.50
///   G4 not scored: adds nothing, and is left out of the churn risk's weights.
/// The group: revenue at risk 71,500.17 and cost of churn 572.50 (the dashboard's figure: predicted value x p, as
/// ChurnCostByTier sums it), churn risk sum(p x revenue) / sum(revenue) over the scored members
/// = (50,000.05 + 14,000.11 + 7,500.0125) / 200,000.70. A 华北 key sees G3's figures alone.
/// </summary>
public sealed class GroupScoreTests : IAsyncLifetime
{
    private static readonly string[] Figures = ["MemberCount", "RevenueAtRisk", "ChurnCost", "ChurnRisk"];
    private readonly GroupBook _book = new();

    public Task InitializeAsync()
    {
        using var connection = _book.Warehouse.Connect();
        connection.Execute("""
            insert into models.score_runs (score_run_id, scored_at, as_of, data_version, churn_version, accounts)
            values (1, now(), date '2025-06-30', (select version from meta.data_version), 'churn-hand', 3)
            """);
        connection.Execute("""
            insert into models.account_scores (score_run_id, account_id, as_of, churn_probability, churn_risk_band, predicted_value) values
                (1, 'G1', date '2025-06-30', 0.5, 'medium', 1000.00),
                (1, 'G2', date '2025-06-30', 0.2, 'low', 300.00),
                (1, 'G3', date '2025-06-30', 0.25, 'low', 50.00)
            """);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _book.DisposeAsync();

    [Fact]
    public async Task A_group_sums_its_members_revenue_at_risk_and_cost_of_churn_to_the_cent()
    {
        using var manager = _book.Client(Roles.Manager);
        var group = (await RegionBook.Rows(manager, "/odata/Groups")).Single();

        Assert.Equal(71_500.17m, group.GetProperty("RevenueAtRisk").GetDecimal());
        Assert.Equal(572.50m, group.GetProperty("ChurnCost").GetDecimal());
        Assert.Equal((double)((50_000.05m + 14_000.11m + 7_500.0125m) / 200_000.70m), group.GetProperty("ChurnRisk").GetDouble(), 12);
    }

    [Fact]
    public async Task A_regional_key_reads_its_own_members_figures_alone()
    {
        using var north = _book.Client(Roles.Manager, "华北");
        var group = (await RegionBook.Rows(north, "/odata/Groups")).Single();

        Assert.Equal([1m, 7_500.01m, 12.50m, 0.25m],
            Figures.Select(p => group.GetProperty(p).GetDecimal()));
    }
}
