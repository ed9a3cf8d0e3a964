using System.Net;
using System.Text.Json;
using Analytics.Ingest;
using Analytics.Ingest.Inbox;
using Analytics.ReportApi.Access;
using Analytics.Tests.Security;
using Analytics.Tests.Support;

namespace Analytics.Tests.Inbox;

/// <summary>
/// What was not loaded, read over HTTP by an admin: a hand-written orders file dropped into the inbox with a bad date
/// (line 3), an order of an account the warehouse does not know (line 4) and an order number given twice (lines 5
/// and 6). Its rejects and its waiting row come back from OData with the file, line and exact reason; every other
/// role, and an admin key limited to a region, is refused on every route to the ledger.
/// </summary>
public sealed class InboxLedgerApiTests : IAsyncDisposable
{
    private const string File = "orders_2025-07.csv";

    private static readonly string[] BatchFigures = ["Status", "RowsRead", "RowsLoaded", "RowsRejected", "RowsPending"];

    private readonly TestWarehouse _warehouse = new();
    private readonly AnalyticsFactory _service;

    public InboxLedgerApiTests()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name,region\nA1,甲方机械有限公司,华东\n");
        _warehouse.Write("inbox/" + File,
            "order_id,account_id,order_date,channel\n"
            + "O1,A1,2025-07-01,phone\n"
            + "O2,A1,2025-07-32,phone\n"
            + "O3,A9,2025-07-03,phone\n"
            + "O4,A1,2025-07-04,phone\n"
            + "O4,A1,2025-07-05,email\n");
        new InboxFolder(_warehouse.Folder.File("inbox"), new FileLoader(_warehouse.Database)).ScanOnce(DateTime.UtcNow.AddMinutes(1));
        _service = new AnalyticsFactory(_warehouse.Database);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        _warehouse.Dispose();
    }

    private AnalyticsFactory Service => _service;

    private HttpClient Admin() => Service.Client(Service.Key(Roles.Admin));

    [Fact]
    public async Task An_admin_reads_each_rejected_line_of_the_dropped_file_with_its_reason()
    {
        using var admin = Admin();
        var page = JsonDocument.Parse(await RegionBook.Text(admin,
            $"/odata/LoadRejects?$filter=FileName eq '{File}'&$orderby=SourceLine&$select=SourceLine,Entity,Reason,RawRow&$count=true")).RootElement;

        Assert.Equal(3, page.GetProperty("@odata.count").GetInt32());
        Assert.Equal(
            [
                "3|orders|order_date is not a date: 2025-07-32",
                "5|orders|duplicate key order_id=O4 in file (lines 5, 6)",
                "6|orders|duplicate key order_id=O4 in file (lines 5, 6)",
            ],
            page.GetProperty("value").EnumerateArray().Select(r => $"{r.GetProperty("SourceLine")}|{r.GetProperty("Entity")}|{r.GetProperty("Reason")}"));
        var raw = JsonDocument.Parse(page.GetProperty("value")[0].GetProperty("RawRow").GetString()!).RootElement;
        Assert.Equal("2025-07-32", raw.GetProperty("order_date").GetString());
        Assert.Equal("O2", raw.GetProperty("order_id").GetString());
    }

    [Fact]
    public async Task An_admin_reads_the_row_waiting_for_its_account_and_when_its_file_came()
    {
        using var admin = Admin();
        var waiting = Assert.Single(await RegionBook.Rows(admin, "/odata/PendingRows"));
        var batch = Assert.Single(await RegionBook.Rows(admin, $"/odata/LoadBatches?$filter=FileName eq '{File}'"));

        Assert.Equal(File, waiting.GetProperty("FileName").GetString());
        Assert.Equal(4, waiting.GetProperty("SourceLine").GetInt64());
        Assert.Equal("orders", waiting.GetProperty("Entity").GetString());
        Assert.Equal("account A9", waiting.GetProperty("WaitingFor").GetString());
        Assert.Equal("A9", JsonDocument.Parse(waiting.GetProperty("RawRow").GetString()!).RootElement.GetProperty("account_id").GetString());
        Assert.Equal(batch.GetProperty("BatchId").GetInt64(), waiting.GetProperty("BatchId").GetInt64());
        Assert.Equal(batch.GetProperty("FinishedAt").GetDateTimeOffset(), waiting.GetProperty("LoadedAt").GetDateTimeOffset());
        Assert.Equal("loaded|5|1|3|1", string.Join("|", BatchFigures.Select(p => batch.GetProperty(p).ToString())));
    }

    [Fact]
    public async Task A_waiting_row_leaves_the_set_once_its_account_arrives()
    {
        _warehouse.LoadText("accounts_2.csv", "account_id,name,region\nA9,乙方电子有限公司,华北\n");
        using var admin = Admin();

        Assert.Empty(await RegionBook.Rows(admin, "/odata/PendingRows"));
        var batch = Assert.Single(await RegionBook.Rows(admin, $"/odata/LoadBatches?$filter=FileName eq '{File}'"));
        Assert.Equal(2, batch.GetProperty("RowsLoaded").GetInt64());
        Assert.Equal(0, batch.GetProperty("RowsPending").GetInt64());
    }

    public static TheoryData<string> LedgerPaths() =>
    [
        .. AccessPolicy.LoadLedger.SelectMany(set => new[] { $"/odata/{set}", $"/odata/{set}/$count", $"/arrow/{set}", $"/exports/{set}.csv", $"/exports/{set}.xlsx" }),
    ];

    [Theory]
    [MemberData(nameof(LedgerPaths))]
    public async Task Every_other_role_and_a_region_limited_admin_are_refused_on_every_route(string path)
    {
        foreach (var role in Roles.All.Where(r => r != Roles.Admin))
        {
            using var client = Service.Client(Service.Key(role));
            Assert.Contains($"The {role} role may not GET", await RegionBook.Text(client, path, HttpStatusCode.Forbidden), StringComparison.Ordinal);
        }

        using var eastAdmin = Service.Client(Service.Key(Roles.Admin, [RegionBooks.East]));
        var refusal = await RegionBook.Text(eastAdmin, path, HttpStatusCode.Forbidden);
        Assert.Contains("only a key for every region may read it (this key is limited to 华东)", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("A9", refusal, StringComparison.Ordinal);
    }
}
