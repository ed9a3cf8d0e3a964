using System.Text.Json;
using Analytics.Models.Clv;
using Analytics.Models.Runs;

namespace Analytics.Tests.ModelRuns;

/// <summary>
/// The scoring pass stores each company's 90% intervals with its clv, records how the purchase model was chosen on
/// the book's holdout and how every fit converged, and gives the same intervals when the same data is scored again.
/// </summary>
[Collection(TrainedDemoGroup.Name)]
public sealed class ClvIntervalScoreTests(TrainedDemoFixture demo)
{
    [Fact]
    public void Every_valued_company_has_intervals_around_its_clv_and_expected_purchases()
    {
        var rows = demo.Rows("""
            select clv, clv_low, clv_high, clv_expected_purchases, clv_expected_purchases_low, clv_expected_purchases_high,
                   clv_purchases_low, clv_purchases_high
            from models.account_scores where score_run_id = $1 and clv is not null
            """, r => (Clv: r.GetDecimal(0), Low: r.GetDecimal(1), High: r.GetDecimal(2), Expected: r.GetDouble(3), ExpectedLow: r.GetDouble(4),
                ExpectedHigh: r.GetDouble(5), PurchasesLow: r.GetInt32(6), PurchasesHigh: r.GetInt32(7)), demo.ScoreRun.ScoreRunId);

        Assert.NotEmpty(rows);
        // The point values come from the estimates, the bounds from 200 draws around them: the estimate lies
        // inside its own bootstrap range for (nearly) every company, and the ranges have width.
        Assert.True(rows.Count(r => r.Low <= r.Clv + 0.01m && r.Clv <= r.High + 0.01m) >= 0.99 * rows.Count);
        Assert.True(rows.Count(r => r.ExpectedLow <= r.Expected + 1e-9 && r.Expected <= r.ExpectedHigh + 1e-9) >= 0.99 * rows.Count);
        Assert.True(rows.Count(r => r.High > r.Low) >= 0.9 * rows.Count);
        Assert.All(rows, r => Assert.True(r.PurchasesLow >= 0 && r.PurchasesLow <= r.PurchasesHigh));
        // A predictive interval of the count is wider than the expectation's: its own purchases vary more.
        Assert.True(rows.Average(r => r.PurchasesHigh - r.PurchasesLow) > rows.Average(r => r.ExpectedHigh - r.ExpectedLow));
    }

    [Fact]
    public void The_clv_run_says_which_purchase_model_its_holdout_chose_and_how_every_fit_converged()
    {
        var metrics = demo.Scalar<string>("select metrics::varchar from models.model_runs where version = $1", demo.ScoreRun.ClvVersion!);
        using var json = JsonDocument.Parse(metrics);
        var choice = json.RootElement.GetProperty("model_choice");
        var chosen = choice.GetProperty("chosen").GetString();
        Assert.Equal(chosen, json.RootElement.GetProperty("purchase_model").GetString());
        var (bgNbdMae, paretoMae) = (choice.GetProperty("bg_nbd_mae").GetDouble(), choice.GetProperty("pareto_nbd_mae").GetDouble());
        Assert.Equal(paretoMae < bgNbdMae ? ParetoNbdFit.Name : BgNbdFit.Name, chosen);
        Assert.True(choice.GetProperty("holdout_days").GetInt32() > 0);

        var fits = json.RootElement.GetProperty("fits").EnumerateArray().Select(f => f.GetProperty("model").GetString()).ToList();
        Assert.Contains(BgNbdFit.Name, fits);
        Assert.Contains("Gamma-Gamma", fits);
        Assert.Equal(chosen == ParetoNbdFit.Name, fits.Contains(ParetoNbdFit.Name));
        Assert.NotEmpty(demo.ScoreRun.Fits);
    }

    [Fact]
    public void Scoring_the_same_data_again_gives_the_same_intervals()
    {
        using var connection = demo.Database.Connect();
        var options = LifetimeValueStep.Valuation(new ClvOptions(12, 0.10, 1.0));

        var first = ClvScoring.Run(connection, demo.ScoreRun.AsOf, options, mergeDuplicates: true)!.Accounts;
        var stored = demo.Rows(
            "select account_id, clv_low, clv_high, clv_purchases_low, clv_purchases_high from models.account_scores where score_run_id = $1 and clv is not null",
            r => (Account: r.GetString(0), Low: r.GetDecimal(1), High: r.GetDecimal(2), PurchasesLow: r.GetInt32(3), PurchasesHigh: r.GetInt32(4)),
            demo.ScoreRun.ScoreRunId).ToDictionary(r => r.Account);

        Assert.All(first, a =>
        {
            var row = stored[a.AccountId];
            Assert.Equal((row.Low, row.High, row.PurchasesLow, row.PurchasesHigh), (a.Interval!.ClvLow, a.Interval.ClvHigh, a.Interval.PurchasesLow, a.Interval.PurchasesHigh));
        });
    }
}
