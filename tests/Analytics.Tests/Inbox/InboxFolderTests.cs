using Analytics.Ingest;
using Analytics.Ingest.Inbox;
using Analytics.Ingest.Loading;
using Analytics.Tests.Support;

namespace Analytics.Tests.Inbox;

public sealed class InboxFolderTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private InboxFolder Inbox() => new(_warehouse.Folder.File("inbox"), new FileLoader(_warehouse.Database));

    private static DateTime Later => DateTime.UtcNow.AddMinutes(1);

    [Fact]
    public void Loaded_files_move_to_done_and_failed_ones_to_failed_with_their_reason()
    {
        var inbox = Inbox();
        _warehouse.Write("inbox/orders_2025-01.csv", "order_id,account_id,order_date\nO1,A1,2025-01-02\n");
        _warehouse.Write("inbox/accounts_2025-01.csv", "account_id,name\nA1,甲方\n");
        _warehouse.Write("inbox/tickets.csv", "ticket_id\nT1\n");
        _warehouse.Write("inbox/notes.txt.bak", "not data");

        var reports = inbox.ScanOnce(Later);

        Assert.Equal(["accounts_2025-01.csv", "orders_2025-01.csv", "tickets.csv"], reports.Select(r => r.File));
        Assert.Equal([LoadStatus.Loaded, LoadStatus.Loaded, LoadStatus.Failed], reports.Select(r => r.Status));
        Assert.Equal(["accounts_2025-01.csv", "orders_2025-01.csv"], Directory.GetFiles(inbox.DonePath).Select(Path.GetFileName).Order());
        Assert.Equal(["tickets.csv", "tickets.csv.reason.txt"], Directory.GetFiles(inbox.FailedPath).Select(Path.GetFileName).Order());
        Assert.Equal("The file has no column 'account_id', which every tickets row needs.",
            File.ReadAllText(Path.Combine(inbox.FailedPath, "tickets.csv.reason.txt")).Trim());
        Assert.Equal(["notes.txt.bak"], Directory.GetFiles(inbox.Path).Select(Path.GetFileName));
        Assert.Equal(1, _warehouse.Scalar<long>("select count(*) from core.orders"));
    }

    [Fact]
    public void A_file_still_being_written_waits_for_the_next_scan()
    {
        var inbox = Inbox();
        _warehouse.Write("inbox/accounts.csv", "account_id,name\nA1,甲方\n");

        Assert.Empty(inbox.ScanOnce(DateTime.UtcNow));
        Assert.Single(inbox.ScanOnce(Later));
    }

    [Fact]
    public void A_mapping_beside_a_file_applies_to_it_and_moves_with_it()
    {
        var inbox = Inbox();
        _warehouse.Write("inbox/erp.csv", "编号,名称\nK1,甲方\n");
        _warehouse.Write("inbox/erp.mapping.json", """{"entity":"accounts","columns":{"account_id":"编号","name":"名称"}}""");

        var report = Assert.Single(inbox.ScanOnce(Later));

        Assert.Equal(new BatchCounts(1, 1, 0, 0), report.Counts);
        Assert.Equal(["erp.csv", "erp.mapping.json"], Directory.GetFiles(inbox.DonePath).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void The_same_export_dropped_twice_is_a_duplicate_and_does_not_overwrite_the_first_in_done()
    {
        var inbox = Inbox();
        _warehouse.Write("inbox/accounts.csv", "account_id,name\nA1,甲方\n");
        inbox.ScanOnce(Later);
        _warehouse.Write("inbox/accounts.csv", "account_id,name\nA1,甲方\n");

        var report = Assert.Single(inbox.ScanOnce(Later));

        Assert.Equal(LoadStatus.Duplicate, report.Status);
        Assert.Equal(2, Directory.GetFiles(inbox.DonePath).Length);
    }
}
