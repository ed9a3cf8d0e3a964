using Analytics.Models.Value;

namespace Analytics.Tests.ModelRuns;

/// <summary>
/// The scoring pass also fills the probabilistic columns: clv from BG/NBD + Gamma-Gamma refitted on all orders up
/// to as_of, named by a serving 'clv' model run whose metrics hold the fitted parameters.
/// </summary>
[Collection(TrainedDemoGroup.Name)]
public sealed class LifetimeScoreTests(TrainedDemoFixture demo)
{
    [Fact]
    public void Every_account_that_bought_gets_the_clv_of_the_fit_the_score_run_names()
    {
        var run = demo.ScoreRun;
        Assert.NotNull(run.ClvVersion);
        var (algorithm, metrics) = demo.Rows(
            "select algorithm, metrics::varchar from models.model_runs where version = $1",
            r => (r.GetString(0), r.GetString(1)), run.ClvVersion!).Single();
        Assert.Equal("BG/NBD+Gamma-Gamma", algorithm);

        // Each pass refits; the latest pass's fit is the one serving (other tests here may score again).
        Assert.Equal(
            demo.Scalar<string>("select clv_version from models.score_runs order by score_run_id desc limit 1"),
            demo.Scalar<string>("select version from models.model_runs where model = 'clv' and is_serving"));
        Assert.Equal(run.ClvVersion, demo.Scalar<string>("select clv_version from models.score_runs where score_run_id = $1", run.ScoreRunId));

        // The same fit, recomputed through the CLV API on the same warehouse, gives every stored figure to the cent.
        using var connection = demo.Database.Connect();
        var expected = ClvScoring.Run(connection, run.AsOf, new ClvOptions(12, 0.10, 1.0))!;
        Assert.Contains($"\"r\":{expected.Fit.BgNbd.R.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}", metrics, StringComparison.Ordinal);
        var stored = demo.Rows("select account_id, clv from models.account_scores where score_run_id = $1 and clv is not null",
            r => (r.GetString(0), r.GetDecimal(1)), run.ScoreRunId).ToDictionary(x => x.Item1, x => x.Item2);
        Assert.Equal(expected.Accounts.Count, stored.Count);
        foreach (var account in expected.Accounts)
        {
            Assert.Equal(account.Clv, stored[account.AccountId]);
        }

        // Accounts that never ordered have no purchase history to value.
        Assert.Equal(0L, demo.Scalar<long>("""
            select count(*) from models.account_scores s
            where s.score_run_id = $1 and s.clv is not null
              and not exists (select 1 from core.orders o where o.account_id = s.account_id and o.order_date <= s.as_of)
            """, run.ScoreRunId));
    }
}
