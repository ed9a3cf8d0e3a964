using Analytics.Ingest.Entities;
using Analytics.Models.Churn;
using Analytics.ReportApi.Campaigns;
using Analytics.ReportApi.Charts;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Marts;

/// <summary>
/// Where C# must still name a value the SQL headers declare (a label, a check, a message, a constant used in
/// scoring), it names the same ones: a stage, tier or status added to a model's header without its label or
/// rule fails here.
/// </summary>
public sealed class DeclaredValuesTests
{
    private static IReadOnlyList<string> Accepted(string mart, string column) =>
        MartBuilder.Models().Single(m => m.Name == mart).Header.AcceptedIn(column)
        ?? throw new InvalidOperationException($"marts.{mart} declares no values for {column}.");

    [Fact]
    public void The_declared_sets_are_the_ones_the_domain_names()
    {
        Assert.Equal(["A", "B", "C"], DeclaredValues.Tiers);
        Assert.Equal([1, 2, 3, 4, 5], DeclaredValues.Levels);
        Assert.Equal(["exploration", "formation", "stability", "decline", "churned"], DeclaredValues.LifecycleStages);
    }

    [Fact]
    public void Every_declared_tier_stage_status_event_and_risk_band_has_a_label_in_each_language()
    {
        foreach (var language in Enum.GetValues<Language>())
        {
            // Texts.Get throws for a key it has no words for.
            Assert.All(DeclaredValues.Tiers, t => Texts.Get(language, "tier." + t));
            Assert.All(DeclaredValues.LifecycleStages, s => Texts.Get(language, "stage." + s));
            Assert.All(DeclaredValues.ContractStatuses, s => Texts.Get(language, "status." + s));
            Assert.All(DeclaredValues.ContractEvents, e => Texts.Get(language, "renewals." + e));
            // Risk bands are set in C# when scoring (models.account_scores), by no SQL model: RiskBand is their one place.
            Assert.All([RiskBand.High, RiskBand.Medium, RiskBand.Low], b => Texts.Get(language, "band." + b));
        }
    }

    [Fact]
    public void The_churn_chart_groups_by_the_dimensions_churn_rates_declares()
    {
        Assert.Equal(Accepted("churn_rates", "dimension").Order(), ChartRequest.Groups.Append("all").Order());
    }

    [Fact]
    public void A_target_rule_takes_exactly_the_declared_levels_and_names_the_declared_tiers_when_refusing_one()
    {
        foreach (var level in Enumerable.Range(0, 7))
        {
            var parse = () => TargetRule.Parse($$"""{"levels":[{{level}}]}""");
            if (DeclaredValues.Levels.Contains(level))
            {
                parse();
            }
            else
            {
                Assert.Throws<WarehouseException>(parse);
            }
        }

        var refused = Assert.Throws<WarehouseException>(() => TargetRule.Parse("""{"tiers":["Z"]}"""));
        Assert.All(DeclaredValues.Tiers, t => Assert.Contains(t, refused.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_loader_accepts_the_ticket_kinds_ticket_sla_declares()
    {
        var kinds = string.Join(", ", Accepted("ticket_sla", "kind").Select(SqlExtensions.Literal));
        Assert.Contains(EntityCatalog.Tickets.Checks, c => c.RejectWhen == $"t.kind not in ({kinds})");
    }
}
