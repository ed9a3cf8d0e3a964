using System.Globalization;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Models.Actions;

/// <summary>
/// Writes a pass's next actions (models.next_actions) and the features it scored (models.scored_features) inside the
/// pass's own transaction, so a pass's scores, actions and features appear together. Only the latest pass's features
/// are kept: a what-if re-scores the current scores, and history would cost a vector per account per pass.
/// </summary>
public sealed class NextActionStore(DuckDBConnection connection)
{
    /// <summary>Before the transaction: the rows into temp tables (the appender cannot write inside one here).</summary>
    public void Stage(IReadOnlyList<NextAction> actions, IReadOnlyList<ScoredFeatures> features)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(features);
        connection.Execute("""
            create or replace temp table staged_actions (account_id varchar, action varchar, rank integer, feature varchar,
                current_value double, healthy_value double, churn_probability double, probability_after double, due_by date);
            create or replace temp table staged_features (account_id varchar, features varchar)
            """);
        using (var appender = connection.CreateAppender("staged_actions"))
        {
            foreach (var a in actions)
            {
                appender.CreateRow().AppendValue(a.AccountId).AppendValue(a.Action).AppendValue(a.Rank).AppendValue(a.Feature)
                    .AppendValue(a.CurrentValue).AppendValue(a.HealthyValue).AppendValue(a.ChurnProbability).AppendValue(a.ProbabilityAfter)
                    .AppendValue(a.DueBy).EndRow();
            }
        }

        using var rows = connection.CreateAppender("staged_features");
        foreach (var f in features)
        {
            // "R" round-trips every double exactly, so the what-if re-scores the very vector the pass scored.
            rows.CreateRow().AppendValue(f.AccountId)
                .AppendValue("[" + string.Join(",", f.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]").EndRow();
        }
    }

    /// <summary>Inside the pass's transaction, under its id.</summary>
    public void Insert(long scoreRunId)
    {
        connection.Execute("""
            insert into models.next_actions
            select $1, account_id, action, rank, feature, current_value, healthy_value, churn_probability, probability_after, due_by
            from staged_actions
            """, scoreRunId);
        connection.Execute("delete from models.scored_features where score_run_id < $1", scoreRunId);
        connection.Execute("insert into models.scored_features select $1, account_id, features::double[] from staged_features", scoreRunId);
    }

    public void DropStaged() => connection.Execute("drop table if exists staged_actions; drop table if exists staged_features");
}
