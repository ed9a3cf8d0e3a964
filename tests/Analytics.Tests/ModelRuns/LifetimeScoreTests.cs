using Analytics.Models.Clv;
using Analytics.Models.Runs;
using Analytics.Warehouse.Clv;

namespace Analytics.Tests.ModelRuns;

/// <summary>
/// The scoring pass also fills the probabilistic columns: clv from BG/NBD + Gamma-Gamma refitted on all orders up
/// to as_of, named by a serving 'clv' model run whose metrics hold the fitted parameters.
/// </summary>
[Collection(TrainedDemoGroup.Name)]
public sealed class LifetimeScoreTests(TrainedDemoFixture demo)
{
    [Fact]
    public void Every_company_that_bought_gets_the_clv_of_the_fit_the_score_run_names()
    {
        var run = demo.ScoreRun;
        Assert.NotNull(run.ClvVersion);
        var (algorithm, metrics) = demo.Rows(
            "select algorithm, metrics::varchar from models.model_runs where version = $1",
            r => (r.GetString(0), r.GetString(1)), run.ClvVersion!).Single();

        // Each pass refits; the latest pass's fit is the one serving (other tests here may score again).
        Assert.Equal(
            demo.Scalar<string>("select clv_version from models.score_runs order by score_run_id desc limit 1"),
            demo.Scalar<string>("select version from models.model_runs where model = 'clv' and is_serving"));
        Assert.Equal(run.ClvVersion, demo.Scalar<string>("select clv_version from models.score_runs where score_run_id = $1", run.ScoreRunId));

        // The same fit, recomputed through the CLV API on the same warehouse (companies: a master with its
        // duplicates' orders), gives every stored figure to the cent; a duplicate carries its master's.
        using var connection = demo.Database.Connect();
        var expected = ClvScoring.Run(connection, run.AsOf, LifetimeValueStep.Valuation(new ClvOptions(12, 0.10, 1.0)) with { IntervalDraws = 0 }, mergeDuplicates: true)!;
        Assert.Equal($"{expected.Fit.Purchases.Model}+Gamma-Gamma", algorithm);
        Assert.Contains($"\"r\":{expected.Fit.BgNbd.R.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}", metrics, StringComparison.Ordinal);
        var byMaster = expected.Accounts.ToDictionary(a => a.AccountId, a => a.Clv);
        var stored = demo.Rows("""
            select s.account_id, m.master_account_id, s.clv
            from models.account_scores s join marts.account_merge_map m using (account_id)
            where s.score_run_id = $1 and s.clv is not null
            """, r => (Account: r.GetString(0), Master: r.GetString(1), Clv: r.GetDecimal(2)), run.ScoreRunId);
        Assert.Equal(byMaster.Count, stored.Count(s => s.Account == s.Master));
        Assert.All(stored, s => Assert.Equal(byMaster[s.Master], s.Clv));
        Assert.Contains(stored, s => s.Account != s.Master);

        // Companies that never ordered have no purchase history to value.
        Assert.Equal(0L, demo.Scalar<long>("""
            select count(*) from models.account_scores s join marts.account_merge_map m using (account_id)
            where s.score_run_id = $1 and s.clv is not null
              and not exists (select 1 from core.orders o join marts.account_merge_map om using (account_id)
                              where om.master_account_id = m.master_account_id and o.order_date <= s.as_of)
            """, run.ScoreRunId));
    }

    [Fact]
    public void A_company_is_valued_on_all_its_accounts_orders()
    {
        using var connection = demo.Database.Connect();
        var asOf = demo.ScoreRun.AsOf;
        var perAccount = PurchaseSummaries.Read(connection, asOf, PurchaseTimeUnit.Week).ToDictionary(s => s.AccountId);
        var perCompany = PurchaseSummaries.Read(connection, asOf, PurchaseTimeUnit.Week, mergeDuplicates: true).ToDictionary(s => s.AccountId);
        var groups = demo.Rows("""
            select master_account_id, list(account_id order by account_id) from marts.account_merge_map
            group by master_account_id having count(*) > 1
            """, r => (Master: r.GetString(0), Accounts: ((List<string>)r.GetValue(1)).ToList()));
        var merged = groups.Where(g => g.Accounts.Count(perAccount.ContainsKey) > 1).ToList();
        Assert.NotEmpty(merged);
        foreach (var (master, accounts) in merged)
        {
            var own = accounts.Where(perAccount.ContainsKey).Select(a => perAccount[a]).ToList();
            var company = perCompany[master];
            // One history: its first purchase is the earliest of any account's; its repeat spend at least each one's.
            Assert.Equal(own.Min(s => s.FirstPurchase), company.FirstPurchase);
            Assert.Equal(own.Max(s => s.LastPurchase), company.LastPurchase);
            Assert.True(company.Frequency >= own.Max(s => s.Frequency));
            Assert.All(accounts.Where(a => a != master), a => Assert.False(perCompany.ContainsKey(a)));
        }
    }
}
