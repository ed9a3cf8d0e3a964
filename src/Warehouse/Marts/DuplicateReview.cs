using DuckDB.NET.Data;

namespace Analytics.Warehouse.Marts;

/// <summary>
/// The review list of duplicate companies (重复客户): the candidate pairs scored between duplicates.review_score and
/// duplicates.merge_score, and a person's decision on a pair (core.duplicate_decisions), which the next refresh of
/// the marts applies and every later one keeps, whatever is reloaded.
/// </summary>
public static class DuplicateReview
{
    public const string Confirmed = "confirmed";
    public const string Rejected = "rejected";

    /// <summary>The pairs waiting for a person, best score first; with <paramref name="all"/> every candidate pair, decided ones included.</summary>
    public static IReadOnlyList<DuplicateCandidate> List(DuckDBConnection connection, bool all) =>
        connection.Rows(
            """
            select d.account_id, a.name, d.other_account_id, o.name as other_name, d.score, d.rule, d.status, d.decided_by
            from marts.account_duplicates d
            join core.accounts a on a.account_id = d.account_id
            join core.accounts o on o.account_id = d.other_account_id
            where $1 or d.status = 'review'
            order by d.score desc, d.account_id, d.other_account_id
            """,
            r => new DuplicateCandidate(
                r.Get<string>("account_id"), r.Get<string>("name"), r.Get<string>("other_account_id"), r.Get<string>("other_name"),
                r.Get<decimal>("score"), r.Get<string>("rule"), r.Get<string>("status"), r.GetOrNull<string>("decided_by")),
            all);

    /// <summary>Records that two accounts are one company (<see cref="Confirmed"/>) or two (<see cref="Rejected"/>); a later decision replaces an earlier one.</summary>
    public static void Decide(DuckDBConnection connection, string accountId, string otherAccountId, string decision, string decidedBy)
    {
        if (decision is not (Confirmed or Rejected))
        {
            throw new WarehouseException($"A decision is '{Confirmed}' or '{Rejected}', not '{decision}'.");
        }

        if (accountId == otherAccountId)
        {
            throw new WarehouseException($"An account is always one company with itself: name two different accounts, not {accountId} twice.");
        }

        var missing = new[] { accountId, otherAccountId }
            .Where(id => connection.Scalar<long>("select count(*) from core.accounts where account_id = $1", id) == 0)
            .ToList();
        if (missing.Count > 0)
        {
            throw new WarehouseException($"There is no account {string.Join(" and no account ", missing)} in the warehouse.");
        }

        var (first, second) = string.CompareOrdinal(accountId, otherAccountId) < 0 ? (accountId, otherAccountId) : (otherAccountId, accountId);
        connection.Execute(
            """
            insert or replace into core.duplicate_decisions (account_id, other_account_id, decision, decided_by, decided_at)
            values ($1, $2, $3, $4, now())
            """,
            first, second, decision, decidedBy);
    }
}
