using System.Text.Json.Nodes;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Campaigns;
using Analytics.Tests.Support;

namespace Analytics.Tests.Notebooks;

/// <summary>
/// Each notebook in notebooks/ runs top to bottom against the demo service with the demo analyst key, draws at least
/// one chart, and the figures it computed from the OData feed are the marts' (read here straight from the warehouse).
/// </summary>
[Collection(DemoService.Collection)]
public sealed class NotebookTests(DemoService demo)
{
    [Fact]
    public void The_five_notebooks_are_stored_without_outputs_for_Debians_python3_kernel()
    {
        Assert.Equal(
            ["01-pareto-and-tiers", "02-churn", "03-clv-and-cohorts", "04-service-sla", "05-campaign-outcome"],
            NotebookRun.Names);
        foreach (var name in NotebookRun.Names)
        {
            var notebook = NotebookRun.Read(Path.Combine(NotebookRun.Folder, name + ".ipynb"));
            Assert.Equal("python3", (string?)notebook["metadata"]!["kernelspec"]!["name"]);
            foreach (var cell in NotebookRun.Cells(notebook).Where(c => (string?)c["cell_type"] == "code"))
            {
                Assert.True(cell["outputs"]!.AsArray().Count == 0, $"{name}: a code cell is stored with its outputs");
                Assert.Null(cell["execution_count"]);
            }
        }
    }

    [Fact]
    public async Task The_80_20_notebook_finds_the_headlines_share_the_tiers_and_the_accounts_that_left_tier_A()
    {
        var run = await NotebookRun.ExecuteAsync("01-pareto-and-tiers", demo, DemoKeys.Analyst);

        Assert.True(run.Images >= 3, run.Printed);
        var figures = run.Figures;
        Assert.Equal(Math.Round(demo.Scalar<double>("select top_value_share from marts.pareto_headline"), 6), (double)figures["top_value_share"]!);
        Assert.Equal(demo.Scalar<long>("select ranked_accounts from marts.pareto_headline"), (long)figures["ranked_accounts"]!);
        Assert.Equal(demo.Scalar<long>("select top_accounts from marts.pareto_headline"), (long)figures["top_accounts"]!);
        foreach (var tier in new[] { "a", "b", "c" })
        {
            Assert.Equal(demo.Scalar<long>("select count(*) from marts.account_tiers where tier = upper($1)", tier), (long)figures[$"tier_{tier}"]!);
        }

        Assert.Equal(
            demo.Scalar<long>(
                """
                select coalesce(sum(accounts), 0)::bigint from marts.tier_migrations m
                where to_month = (select max(to_month) from marts.tier_migrations)
                  and from_month = (select max(from_month) from marts.tier_migrations where to_month = m.to_month)
                  and from_tier = 'A' and to_tier <> 'A'
                """),
            (long)figures["left_tier_a"]!);
    }

    [Fact]
    public async Task With_the_East_managers_key_the_80_20_notebook_tells_Easts_story_as_the_service_scopes_it()
    {
        demo.RestoreDemoKeys();
        var run = await NotebookRun.ExecuteAsync("01-pareto-and-tiers", demo, DemoKeys.ManagerEast);

        // The scoped headline and tiers, as the service computes them over East's companies alone.
        using var east = demo.Service.Client(DemoKeys.ManagerEast);
        var headline = (await Json(east, "/odata/ParetoHeadline"))["value"]![0]!;
        var tiers = (await Json(east, "/odata/AccountTiers?$apply=groupby((Tier),aggregate($count as Accounts))"))["value"]!.AsArray();
        var figures = run.Figures;
        Assert.Equal(Math.Round((double)headline["TopValueShare"]!, 6), (double)figures["top_value_share"]!);
        Assert.Equal((long)headline["RankedAccounts"]!, (long)figures["ranked_accounts"]!);
        Assert.Equal((long)tiers.Single(t => (string?)t!["Tier"] == "A")!["Accounts"]!, (long)figures["tier_a"]!);
        Assert.True((long)figures["ranked_accounts"]! < demo.Scalar<long>("select ranked_accounts from marts.pareto_headline"), "East is part of the book");
    }

    [Fact]
    public async Task The_churn_notebook_counts_the_scored_accounts_and_the_high_risk_band()
    {
        var run = await NotebookRun.ExecuteAsync("02-churn", demo, DemoKeys.Analyst);

        Assert.True(run.Images >= 3, run.Printed);
        var figures = run.Figures;
        Assert.Equal(demo.Scalar<long>("select count(*) from models.current_scores"), (long)figures["scored_accounts"]!);
        Assert.Equal(demo.Scalar<long>("select count(*) from models.current_scores where churn_risk_band = 'high'"), (long)figures["high_band"]!);
        Assert.Equal(demo.Scalar<long>("select count(*) from models.current_scores where churn_risk_band = 'medium'"), (long)figures["medium_band"]!);
        Assert.Equal(Math.Round(demo.Scalar<double>("select avg(churn_probability) from models.current_scores"), 6), (double)figures["mean_churn_probability"]!, 6);
        Assert.True((long)figures["high_band"]! > 0, "the demo has high-risk accounts to call");
    }

    [Fact]
    public async Task The_clv_notebook_sums_the_scores_clv_and_sizes_the_first_cohort()
    {
        var run = await NotebookRun.ExecuteAsync("03-clv-and-cohorts", demo, DemoKeys.Analyst);

        Assert.True(run.Images >= 2, run.Printed);
        var figures = run.Figures;
        Assert.Equal(demo.Scalar<decimal>("select sum(clv)::decimal(18, 2) from models.current_scores"), (decimal)figures["total_clv"]!, 2);
        Assert.Equal(demo.Scalar<long>("select count(*) from models.current_scores where clv is not null"), (long)figures["accounts_with_clv"]!);
        Assert.Equal(demo.Scalar<long>("select count(distinct account_id) from marts.orders"), (long)figures["ordering_accounts"]!);
        var (cohort, accounts) = FirstCohort();
        Assert.Equal(cohort, (string?)figures["first_cohort"]);
        Assert.Equal(accounts, (long)figures["first_cohort_accounts"]!);
    }

    [Fact]
    public async Task The_service_notebook_counts_breaches_and_names_the_engineer_with_the_most()
    {
        var run = await NotebookRun.ExecuteAsync("04-service-sla", demo, DemoKeys.Analyst);

        Assert.True(run.Images >= 2, run.Printed);
        var figures = run.Figures;
        const string Accounts = "from marts.sla_compliance_monthly where dimension = 'account'";
        Assert.Equal(demo.Scalar<long>($"select sum(tickets)::bigint {Accounts}"), (long)figures["tickets"]!);
        Assert.Equal(demo.Scalar<long>($"select sum(measured_tickets)::bigint {Accounts}"), (long)figures["measured_tickets"]!);
        Assert.Equal(demo.Scalar<long>($"select sum(breached_tickets)::bigint {Accounts}"), (long)figures["breached_tickets"]!);
        Assert.Equal(demo.Scalar<long>($"select count(distinct month) {Accounts}"), (long)figures["months"]!);
        Assert.Equal(demo.Scalar<long>("select count(*) from core.tickets"), (long)figures["tickets"]!);
        Assert.Equal(
            demo.Scalar<string>(
                """
                select member from marts.sla_compliance_monthly where dimension = 'engineer'
                group by member having sum(measured_tickets) >= 20
                order by sum(breached_tickets) desc, sum(breached_tickets) / sum(measured_tickets) desc limit 1
                """),
            (string?)figures["worst_engineer"]);
    }

    [Fact]
    public async Task The_campaign_notebook_takes_the_latest_campaign_with_days_after_its_freeze_and_prints_its_lift()
    {
        var run = await NotebookRun.ExecuteAsync("05-campaign-outcome", demo, DemoKeys.Analyst);

        Assert.True(run.Images >= 2, run.Printed);
        var figures = run.Figures;
        var campaign = (long)figures["campaign_id"]!;
        // A campaign frozen on the data's last day has nothing to measure: the notebook takes the latest one with days
        // after its freeze (the demo's own, or one the docs examples froze back in time, as the tests run in any order).
        Assert.Equal(demo.Scalar<long>("select max(campaign_id) from campaigns.campaigns where frozen_on < (select as_of_date from marts.as_of)"), campaign);
        using (var connection = demo.Database.Connect())
        {
            var outcome = CampaignStore.Outcome(connection, campaign, "true");
            Assert.Equal((double)outcome.RevenueLiftPerMember!.Value, (double)figures["revenue_lift_per_member"]!, 2);
        }
        var targeted = demo.Scalar<long>("select count(*) from campaigns.campaign_members where campaign_id = $1 and not is_control", campaign);
        var control = demo.Scalar<long>("select count(*) from campaigns.campaign_members where campaign_id = $1 and is_control", campaign);
        Assert.True(targeted > 0 && control > 0, $"{targeted} targeted, {control} control");
        Assert.Equal(targeted, (long)figures["targeted"]!);
        Assert.Equal(control, (long)figures["control"]!);
        Assert.Equal(targeted, (long)figures["outcome_targeted_members"]!);
        Assert.Equal(control, (long)figures["outcome_control_members"]!);
    }

    private static async Task<JsonNode> Json(HttpClient client, string path) =>
        JsonNode.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative)))!;

    /// <summary>The quarter of the earliest first order of any account, and how many accounts first ordered in it.</summary>
    private (string Cohort, long Accounts) FirstCohort()
    {
        const string Firsts = "(select account_id, min(order_date) as first from marts.orders group by account_id)";
        var cohort = demo.Scalar<string>($"select year(min(first)) || 'Q' || quarter(min(first)) from {Firsts}");
        var accounts = demo.Scalar<long>(
            $"select count(*) from {Firsts} where year(first) || 'Q' || quarter(first) = $1", cohort);
        return (cohort, accounts);
    }
}
