using DuckDB.NET.Data;

namespace Analytics.Warehouse.Features;

/// <summary>One account's discounted lifetime value in a scoring pass.</summary>
public sealed record AccountClvScore(string AccountId, decimal Clv);

/// <summary>One contract account's next renewal in a scoring pass.</summary>
public sealed record AccountRenewalScore(string AccountId, string ContractId, DateOnly CancelBy, double NonRenewalProbability);

/// <summary>
/// Fills the columns of a scoring pass that the churn and value models leave empty: clv (BG/NBD + Gamma-Gamma on
/// each company's orders) and the next renewal (contract_id, cancel_by, non_renewal_probability), and names
/// the runs behind them on models.score_runs. Each is one update from a temp table, in one transaction.
/// </summary>
public sealed class LifetimeScoreRows(DuckDBConnection connection)
{
    /// <param name="scores">one per master account: its duplicates get the same value, as they get their master's other scores.</param>
    public void WriteClv(long scoreRunId, string version, IEnumerable<AccountClvScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        connection.Execute("create or replace temp table clv_scores (account_id varchar primary key, clv decimal(18,2))");
        using (var appender = connection.CreateAppender("clv_scores"))
        {
            foreach (var s in scores)
            {
                appender.CreateRow().AppendValue(s.AccountId).AppendValue(s.Clv).EndRow();
            }
        }

        using var transaction = connection.BeginTransaction();
        connection.Execute("""
            update models.account_scores s set clv = c.clv
            from clv_scores c, marts.account_merge_map m
            where s.score_run_id = $1 and s.account_id = m.account_id and m.master_account_id = c.account_id
            """, scoreRunId);
        connection.Execute("update models.score_runs set clv_version = $2 where score_run_id = $1", scoreRunId, version);
        transaction.Commit();
        connection.Execute("drop table clv_scores");
    }

    public void WriteRenewals(long scoreRunId, string version, IEnumerable<AccountRenewalScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        connection.Execute("""
            create or replace temp table renewal_scores (
                account_id varchar primary key, contract_id varchar, cancel_by date, non_renewal_probability double)
            """);
        using (var appender = connection.CreateAppender("renewal_scores"))
        {
            foreach (var s in scores)
            {
                appender.CreateRow().AppendValue(s.AccountId).AppendValue(s.ContractId)
                    .AppendValue((DateOnly?)s.CancelBy).AppendValue(s.NonRenewalProbability).EndRow();
            }
        }

        using var transaction = connection.BeginTransaction();
        connection.Execute("""
            update models.account_scores s
            set contract_id = r.contract_id, cancel_by = r.cancel_by, non_renewal_probability = r.non_renewal_probability
            from renewal_scores r where s.score_run_id = $1 and s.account_id = r.account_id
            """, scoreRunId);
        connection.Execute("update models.score_runs set renewal_version = $2 where score_run_id = $1", scoreRunId, version);
        transaction.Commit();
        connection.Execute("drop table renewal_scores");
    }
}
