using System.Globalization;
using DuckDB.NET.Data;
using Analytics.Warehouse;

namespace Analytics.Tests.Segmentation;

/// <summary>
/// Precision and recall of the merge map against pairs whose answer is known. Every two accounts the merge map puts
/// under one master are a merged pair: one that is a true pair counts as found, any other (a labelled near miss, or
/// two accounts nobody paired) as a false merge. True pairs not merged are missed.
/// </summary>
internal sealed record DuplicateMeasure(int TruePairs, int Found, int FalseMerges)
{
    public double Precision => Found + FalseMerges == 0 ? 1 : (double)Found / (Found + FalseMerges);

    public double Recall => TruePairs == 0 ? 1 : (double)Found / TruePairs;

    /// <summary>Measures the warehouse's marts.account_merge_map against <paramref name="truePairsTable"/> (account_id, other_account_id).</summary>
    public static DuplicateMeasure Of(DuckDBConnection connection, string truePairsTable)
    {
        var (truePairs, found, merged) = connection.Rows(
            $"""
            with truth as (
                select least(account_id, other_account_id) as a, greatest(account_id, other_account_id) as b from {truePairsTable}
            ), merged as (
                select x.account_id as a, y.account_id as b
                from marts.account_merge_map x join marts.account_merge_map y
                    on x.master_account_id = y.master_account_id and x.account_id < y.account_id
            )
            select (select count(*) from truth), (select count(*) from merged join truth using (a, b)), (select count(*) from merged)
            """,
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2))).Single();
        return new DuplicateMeasure((int)truePairs, (int)found, (int)(merged - found));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"precision {Precision:0.000} ({Found} of {Found + FalseMerges} merged pairs true), recall {Recall:0.000} ({Found} of {TruePairs} true pairs merged)");
}
