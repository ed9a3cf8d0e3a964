using Analytics.Models.Actions;
using Analytics.Models.Churn;
using Analytics.Models.Runs;
using Analytics.Tests.ModelRuns;
using Analytics.Warehouse;
using Xunit.Abstractions;

namespace Analytics.Tests.Actions;

/// <summary>
/// Next best actions and what-if on the trained demo company (2,000 accounts, the real training and scoring passes):
/// every action the pass stores is re-scorable and ranked by the drop it promises, and on a grid of accounts each
/// driver's healthy value moves the churn score the way the model's own feature contributions say.
/// </summary>
[Collection(TrainedDemoGroup.Name)]
public sealed class NextActionTests(TrainedDemoFixture demo, ITestOutputHelper output)
{
    private (ChurnClassifier Model, IReadOnlyList<string> Names, List<(string Id, double[] Values)> Rows) Latest()
    {
        using var connection = demo.Database.Connect();
        var run = new ModelRunRows(connection).Serving("churn")!;
        var rows = connection.Rows("""
            select account_id, features from models.scored_features
            where score_run_id = (select max(score_run_id) from models.score_runs) order by account_id
            """, r => (r.Get<string>("account_id"), r.Get<List<double>>("features").ToArray()));
        return (ChurnClassifier.Load(run.Artifact!), run.Features, rows);
    }

    /// <summary>
    /// The direction test of issue 18. For each driver and each grid account where its action would apply (the context
    /// granting what the features cannot say: a cancel-by day within reach, an open complaint, a 7% cap), the churn
    /// probability re-scored with the healthy value moves the same way as the model's own contribution of that
    /// feature (ML.NET's FastTree contributions, before and after): an action the model credits with lowering the
    /// risk lowers the score, and one it blames raises it. The grid is every company the pass scored. Judged where the
    /// effect is one an action list would show (at least NextActionPlanner.Negligible, a tenth of a percentage point):
    /// tree contributions are not additive, and below that other features' interactions may outweigh the driver's own
    /// (in CI: p 0.0065 -> 0.0064 while the driver's contribution rose 0.27), which no list offers anyway.
    /// </summary>
    [Fact]
    public void On_a_grid_of_accounts_each_actions_effect_moves_the_score_the_way_the_feature_contributions_say()
    {
        var (model, names, rows) = Latest();
        var grid = rows;
        Assert.True(grid.Count >= 500, $"only {grid.Count} scored accounts");
        var context = new ActionContext("A", new DateOnly(2026, 1, 31), 31, 1, 7);
        var wrong = new List<string>();
        var movedBy = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var driver in ActionDrivers.All)
        {
            var slot = names.ToList().IndexOf(driver.Feature);
            Assert.True(slot >= 0, $"{driver.Feature} is not a churn feature");
            var applies = grid.Where(g => driver.Applies(g.Values[slot], context)).ToList();
            var healthy = applies.Select(g => NextActionPlanner.With(g.Values, slot, driver.Healthy(g.Values[slot], context))).ToList();
            var before = model.Explain([.. applies.Select(g => Vector(g.Values))]);
            var after = model.Explain([.. healthy.Select(Vector)]);
            var moved = 0;
            for (var i = 0; i < applies.Count; i++)
            {
                var effect = after[i].Probability - before[i].Probability;
                var contribution = after[i].Contributions[slot] - before[i].Contributions[slot];
                if (Math.Abs(effect) < 1e-9 && Math.Abs(contribution) < 1e-6)
                {
                    continue;
                }

                moved++;
                if (Math.Abs(effect) >= NextActionPlanner.Negligible && Math.Sign(effect) != Math.Sign(contribution))
                {
                    wrong.Add($"{applies[i].Id} {driver.Action}: {applies[i].Values[slot]} -> {healthy[i][slot]}, "
                        + $"p {before[i].Probability:0.0000} -> {after[i].Probability:0.0000}, contribution {before[i].Contributions[slot]:0.0000} -> {after[i].Contributions[slot]:0.0000}");
                }
            }

            output.WriteLine($"{driver.Action}: {applies.Count} grid accounts where it applies, {moved} whose score it moves");
            movedBy[driver.Action] = moved;
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        // Not vacuous: every driver moved some scores (the model barely reads some features), most of them many.
        Assert.All(movedBy, m => Assert.True(m.Value > 0, $"{m.Key} moved no score"));
        Assert.True(movedBy.Values.Sum() >= 500, $"only {movedBy.Values.Sum()} scores moved");
    }

    [Fact]
    public void The_pass_stores_each_companys_actions_ranked_by_the_drop_the_model_expects_and_re_scorable()
    {
        var (model, names, rows) = Latest();
        var features = rows.ToDictionary(r => r.Id, r => r.Values, StringComparer.Ordinal);
        var actions = demo.Rows("""
            select a.account_id, a.action, a.rank, a.feature, a.current_value, a.healthy_value, a.churn_probability, a.probability_after,
                a.due_by, s.churn_probability as scored, s.churn_risk_band, t.tier, c.days_to_cancel_by, c.cancel_by
            from models.next_actions a
            join models.account_scores s on s.score_run_id = a.score_run_id and s.account_id = a.account_id
            join marts.account_tiers t on t.master_account_id = a.account_id
            left join (select m.master_account_id, min(cancel_by) as cancel_by, min(days_to_cancel_by) as days_to_cancel_by
                       from marts.contract_status join marts.account_merge_map m using (account_id) where days_to_cancel_by >= 0 group by all) c
                on c.master_account_id = a.account_id
            where a.score_run_id = (select max(score_run_id) from models.score_runs)
            order by a.account_id, a.rank
            """, r => (Id: r.Get<string>("account_id"), Action: r.Get<string>("action"), Rank: r.Get<int>("rank"), Feature: r.Get<string>("feature"),
                Now: r.Get<double>("current_value"), Healthy: r.Get<double>("healthy_value"), P: r.Get<double>("churn_probability"),
                After: r.Get<double>("probability_after"), DueBy: r.Get<DateOnly?>("due_by"), Scored: r.Get<double>("scored"),
                Band: r.Get<string>("churn_risk_band"), Tier: r.Get<string>("tier"), CancelBy: r.Get<DateOnly?>("cancel_by"), Days: r.Get<int?>("days_to_cancel_by")));

        Assert.True(actions.Select(a => a.Id).Distinct().Count() >= 20, $"only {actions.Count} actions");
        Assert.True(actions.Select(a => a.Action).Distinct().Count() >= 3, string.Join(",", actions.Select(a => a.Action).Distinct()));
        var after = model.Probabilities([.. actions.Select(a => Vector(NextActionPlanner.With(features[a.Id], names.ToList().IndexOf(a.Feature), a.Healthy)))]);
        for (var i = 0; i < actions.Count; i++)
        {
            var a = actions[i];
            var slot = names.ToList().IndexOf(a.Feature);
            Assert.Equal(ActionDrivers.Find(a.Action)!.Feature, a.Feature);
            Assert.Equal(features[a.Id][slot], a.Now);
            Assert.Equal(a.Scored, a.P, 1e-9);
            Assert.Equal(after[i], a.After, 1e-6);
            Assert.True(a.After < a.P, $"{a.Id} {a.Action}: {a.P} -> {a.After}");
            Assert.True(a.Band is "high" or "medium" || a.Tier == "A", $"{a.Id}: {a.Band} {a.Tier}");
            switch (a.Action)
            {
                case "renewal_call":
                    Assert.Equal(a.CancelBy, a.DueBy);
                    Assert.InRange(a.Days!.Value, 0, ActionDrivers.RenewalWindowDays);
                    Assert.Equal(a.Now + 365, a.Healthy);
                    break;
                case "visit":
                    Assert.True(a.Now <= ActionDrivers.FallingOrders && a.Healthy == 0, $"{a.Id}: {a.Now}");
                    break;
                case "price_review":
                    Assert.True(a.Now > a.Healthy, $"{a.Id}: {a.Now} -> {a.Healthy}");
                    break;
                default:
                    Assert.True(a.Now > 0 && a.Healthy == 0, $"{a.Id} {a.Action}: {a.Now} -> {a.Healthy}");
                    break;
            }
        }

        foreach (var company in actions.GroupBy(a => a.Id))
        {
            Assert.Equal(Enumerable.Range(1, company.Count()), company.Select(a => a.Rank));
            Assert.InRange(company.Count(), 1, NextActionPlanner.PerAccount);
            var drops = company.Select(a => a.P - a.After).ToList();
            Assert.Equal(drops.OrderByDescending(d => d), drops);
        }
    }

    [Fact]
    public void A_what_if_gives_the_stored_probability_unchanged_and_a_stored_actions_estimate_changed()
    {
        var action = demo.Rows("""
            select account_id, feature, current_value, healthy_value, churn_probability, probability_after from models.next_actions
            where score_run_id = (select max(score_run_id) from models.score_runs) order by churn_probability - probability_after desc, account_id limit 1
            """, r => (Id: r.Get<string>("account_id"), Feature: r.Get<string>("feature"), Now: r.Get<double>("current_value"),
                Healthy: r.Get<double>("healthy_value"), P: r.Get<double>("churn_probability"), After: r.Get<double>("probability_after"))).Single();
        var whatIf = new WhatIf();
        using var connection = demo.Database.Connect();

        var same = whatIf.Score(connection, action.Id, new Dictionary<string, double> { [action.Feature] = action.Now })!;
        var done = whatIf.Score(connection, action.Id, new Dictionary<string, double> { [action.Feature] = action.Healthy })!;

        Assert.Equal(action.P, same.ChurnProbability, 1e-6);
        Assert.Equal(same.ChurnProbability, same.ProbabilityAfter);
        Assert.Equal(action.After, done.ProbabilityAfter, 1e-6);
        Assert.Equal([new WhatIfChange(action.Feature, action.Now, action.Healthy)], done.Changes);
        Assert.Null(whatIf.Score(connection, "no such account", new Dictionary<string, double> { ["sla_breaches_90d"] = 0 }));
    }

    [Theory]
    [InlineData("recency_days", 3, "'recency_days' is not an actionable feature; a what-if changes only contract_days_to_end, sla_breaches_90d, overdue_amount, order_trend, complaints_90d, margin_365d.")]
    [InlineData("sla_breaches_90d", -1, "sla_breaches_90d must be a count from 0 to 10000, not -1.")]
    [InlineData("order_trend", 1.5, "order_trend must be a trend from -1 to 1, not 1.5.")]
    [InlineData("margin_365d", 7, "margin_365d must be a margin from -1 to 1 (0.07 is 7%), not 7.")]
    public void A_what_if_of_a_feature_no_action_changes_or_an_impossible_value_is_refused_with_a_sentence(string feature, double value, string sentence) =>
        Assert.Equal(sentence, WhatIf.Refusal(new Dictionary<string, double> { [feature] = value }));

    private static float[] Vector(double[] values) => [.. values.Select(v => (float)v)];
}
