using Analytics.Ingest;
using Analytics.Ingest.Loading;
using Analytics.Tests.Support;

namespace Analytics.Tests.Groups;

/// <summary>
/// Groups of companies (集团客户): an accounts file may name each account's parent in parent_account_id. A parent
/// later in the same file or in a later file is waited for; a parent chain that leads back to the row is rejected
/// with the chain; files without the column load as before. The files are written by hand from these rules.
/// </summary>
public sealed class ParentAccountLoadTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private List<string> Rejects(LoadReport report) =>
        _warehouse.Rows("select source_line || ' ' || reason from meta.rejects where batch_id = $1 order by source_line", r => r.GetString(0), report.BatchId);

    private List<string> Parents() =>
        _warehouse.Rows("select account_id || '>' || coalesce(parent_account_id, '-') from core.accounts order by account_id", r => r.GetString(0));

    private List<string> Waiting() =>
        _warehouse.Rows("select (raw_row->>'account_id') || ' waits for ' || waiting_for from staging.pending_rows order by 1", r => r.GetString(0));

    [Fact]
    public void A_three_level_group_whose_parents_come_after_their_children_in_the_file_loads_whole()
    {
        var report = _warehouse.LoadText("accounts.csv", """
            account_id,name,region,parent_account_id
            G3,华东电子三厂,华东,G2
            G2,华东电子集团上海公司,华东,G1
            G1,华东电子集团,华东,
            S1,独立客户,华北,
            """);

        Assert.Equal(LoadStatus.Loaded, report.Status);
        Assert.Equal(new BatchCounts(4, 4, 0, 0), report.Counts);
        Assert.Equal(["G1>-", "G2>G1", "G3>G2", "S1>-"], Parents());
        Assert.Empty(Waiting());
        Assert.Equal((4L, 0L, 0L), _warehouse.Rows("select rows_loaded, rows_rejected, rows_pending from meta.load_batches where batch_id = $1",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), report.BatchId).Single());
    }

    [Fact]
    public void An_unknown_parent_waits_with_its_reason_until_a_later_file_brings_it()
    {
        var first = _warehouse.LoadText("accounts_1.csv", """
            account_id,name,region,parent_account_id
            C1,子公司一,华东,P1
            C2,子公司二,华东,C1
            """);

        Assert.Equal(new BatchCounts(2, 0, 0, 2), first.Counts);
        Assert.Equal(["C1 waits for account P1", "C2 waits for account C1"], Waiting());

        var second = _warehouse.LoadText("accounts_2.csv", "account_id,name,region\nP1,母公司,华北\n");

        Assert.Equal(new BatchCounts(1, 1, 0, 0), second.Counts);
        Assert.Equal(["C1>P1", "C2>C1", "P1>-"], Parents());
        Assert.Empty(Waiting());
        Assert.Equal((2L, 0L), _warehouse.Rows("select rows_loaded, rows_pending from meta.load_batches where batch_id = $1",
            r => (r.GetInt64(0), r.GetInt64(1)), first.BatchId).Single());
    }

    [Fact]
    public void Rejecting_unknown_parents_still_lets_a_row_name_a_parent_later_in_its_file()
    {
        var report = _warehouse.Load(_warehouse.Write("accounts.csv", """
            account_id,name,parent_account_id
            C1,子公司一,P1
            P1,母公司,
            C9,子公司九,NOBODY
            """), new LoadOptions(Orphans: OrphanPolicy.Reject));

        Assert.Equal(new BatchCounts(3, 2, 1, 0), report.Counts);
        Assert.Equal(["4 unknown account NOBODY"], Rejects(report));
        Assert.Equal(["C1>P1", "P1>-"], Parents());
    }

    [Fact]
    public void A_cycle_in_one_file_or_an_account_its_own_parent_is_rejected_with_the_chain()
    {
        var report = _warehouse.LoadText("accounts.csv", """
            account_id,name,parent_account_id
            A,甲,B
            B,乙,C
            C,丙,A
            D,丁,D
            E,戊,A
            """);

        Assert.Equal(new BatchCounts(5, 0, 4, 1), report.Counts);
        Assert.Equal(
            [
                "2 parent_account_id makes a cycle: A -> B -> C -> A",
                "3 parent_account_id makes a cycle: B -> C -> A -> B",
                "4 parent_account_id makes a cycle: C -> A -> B -> C",
                "5 parent_account_id makes a cycle: D -> D",
            ],
            Rejects(report));
        Assert.Equal(["E waits for account A"], Waiting());
    }

    [Fact]
    public void A_new_parent_that_closes_a_cycle_through_stored_accounts_is_rejected_and_the_stored_rows_stay()
    {
        _warehouse.LoadText("accounts_1.csv", "account_id,name,parent_account_id\nA,甲,\nB,乙,A\nC,丙,B\n");

        var report = _warehouse.LoadText("accounts_2.csv", "account_id,name,parent_account_id\nA,甲,C\n");

        Assert.Equal(new BatchCounts(1, 0, 1, 0), report.Counts);
        Assert.Equal(["2 parent_account_id makes a cycle: A -> C -> B -> A"], Rejects(report));
        Assert.Equal(["A>-", "B>A", "C>B"], Parents());
    }

    [Fact]
    public void Two_files_whose_waiting_rows_would_make_a_cycle_reject_the_row_that_closes_it()
    {
        _warehouse.LoadText("accounts_1.csv", "account_id,name,parent_account_id\nA,甲,B\n");

        var report = _warehouse.LoadText("accounts_2.csv", "account_id,name,parent_account_id\nB,乙,A\n");

        Assert.Equal(["2 parent_account_id makes a cycle: B -> A -> B"], Rejects(report));
        Assert.Equal(["A waits for account B"], Waiting());
    }
}
