using System.Globalization;

namespace Analytics.Tests.ModelRuns;

[Collection(TrainedDemoGroup.Name)]
public sealed class ScoreStoreTests(TrainedDemoFixture demo)
{
    [Fact]
    public void A_scoring_pass_stores_one_row_per_account_with_the_serving_versions()
    {
        var run = demo.ScoreRun;
        Assert.Equal(demo.Scalar<long>("select count(*) from core.accounts"), run.Accounts);
        Assert.Equal(run.Accounts, demo.Scalar<long>("select count(*) from models.account_scores where score_run_id = $1", run.ScoreRunId));
        var stored = demo.Rows("select churn_version, value_version, as_of from models.score_runs where score_run_id = $1",
            r => (r.GetString(0), r.GetString(1), DateOnly.FromDateTime(r.GetDateTime(2))), run.ScoreRunId).Single();
        Assert.Equal((demo.Report.Churn.Version, demo.Report.Value!.Version, new DateOnly(2025, 12, 31)), stored);
    }

    [Fact]
    public void Duplicate_accounts_carry_their_masters_scores()
    {
        var mismatches = demo.Scalar<long>("""
            select count(*) from models.account_scores s
            join marts.account_merge_map m using (account_id)
            join models.account_scores ms on ms.score_run_id = s.score_run_id and ms.account_id = m.master_account_id
            where s.score_run_id = $1 and not m.is_master
              and (s.churn_probability is distinct from ms.churn_probability or s.predicted_value is distinct from ms.predicted_value)
            """, demo.ScoreRun.ScoreRunId);
        Assert.True(demo.Scalar<long>("select count(*) from marts.account_merge_map where not is_master") > 0);
        Assert.Equal(0L, mismatches);
    }

    [Fact]
    public void The_predicted_tier_cuts_the_predicted_value_80_15_5_as_the_marts_cut_tiers()
    {
        var masters = demo.Rows("""
            select s.predicted_value, s.predicted_tier, s.account_id from models.account_scores s
            join marts.account_merge_map m using (account_id)
            where s.score_run_id = $1 and m.is_master and s.predicted_value > 0
            order by s.predicted_value desc, s.account_id
            """, r => (Value: r.GetDecimal(0), Tier: r.GetString(1)), demo.ScoreRun.ScoreRunId);
        var total = masters.Sum(m => m.Value);
        var before = 0m;
        foreach (var (value, tier) in masters)
        {
            var expected = before / total < 0.80m ? "A" : before / total < 0.95m ? "B" : "C";
            Assert.Equal(expected, tier);
            before += value;
        }

        Assert.InRange(masters.Count(m => m.Tier == "A"), 1, masters.Count / 2);
    }

    [Fact]
    public void A_second_pass_records_the_change_in_churn_probability_against_the_first()
    {
        var second = new Analytics.Models.Runs.ScoringPass(demo.Database).Run();
        var changes = demo.Rows("""
            select s.churn_probability_change, s.churn_probability - p.churn_probability
            from models.account_scores s join models.account_scores p on p.account_id = s.account_id and p.score_run_id = $2
            where s.score_run_id = $1 and s.churn_probability is not null
            """, r => (r.GetDouble(0), r.GetDouble(1)), second.ScoreRunId, second.ScoreRunId - 1);
        Assert.NotEmpty(changes);
        Assert.All(changes, c => Assert.Equal(c.Item2, c.Item1, 12));
        Assert.Equal(second.ScoreRunId, demo.Scalar<long>("select max(score_run_id) from models.current_scores"));
        Assert.Equal(second.Accounts.ToString(CultureInfo.InvariantCulture), demo.Scalar<long>("select count(*) from models.current_scores").ToString(CultureInfo.InvariantCulture));
    }
}
