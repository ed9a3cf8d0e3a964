using System.Globalization;
using System.Text;
using Analytics.Ingest;
using Analytics.Ingest.Inbox;
using Analytics.Ingest.Loading;
using Analytics.Tests.Support;

namespace Analytics.Tests.Loading;

/// <summary>
/// One line the CSV reader cannot parse (a stray quote that never closes, a field of several megabytes) is rejected
/// alone with its true line; the lines before and after it load. Such a line once made the whole file fail
/// ("Error when sniffing file", or a reason naming line 1 for line 502).
/// </summary>
public sealed class BadLineTests : IDisposable
{
    private const int BadLine = 502;

    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    // A 1,000-line accounts file (header and accounts A1..A999; account An is on line n + 1) whose line 502 is given.
    private static string AccountsWith(string badLine)
    {
        var text = new StringBuilder("account_id,name,region,owner,created_on\n");
        for (var account = 1; account <= 999; account++)
        {
            text.Append(account + 1 == BadLine ? badLine : $"A{account},公司{account},华东,张三,2024-01-05").Append('\n');
        }

        return text.ToString();
    }

    private static readonly string StrayQuote = AccountsWith("A501,\"坏引号公司,华东,张三,2024-01-05");

    private static readonly string HugeField = AccountsWith($"A501,{new string('x', 3_000_000)},华东,张三,2024-01-05");

    private const string StrayQuoteReason = "unreadable CSV line: Value with unterminated quote found.";

    private const string HugeFieldReason = "unreadable CSV line: Maximum line size of 2000000 bytes exceeded. Actual Size:3000030 bytes.";

    private List<(long? Line, string Reason)> Rejects(LoadReport report) =>
        _warehouse.Rows("select source_line, reason from meta.rejects where batch_id = $1 order by source_line",
            r => (r.IsDBNull(0) ? (long?)null : r.GetInt64(0), r.GetString(1)), report.BatchId);

    private void AssertOnlyLine502Rejected(LoadReport report, string reason)
    {
        Assert.Equal(LoadStatus.Loaded, report.Status);
        Assert.Null(report.Error);
        Assert.Equal(new BatchCounts(999, 998, 1, 0), report.Counts);
        Assert.Equal(report.Counts.Read, report.Counts.Loaded + report.Counts.Rejected + report.Counts.Pending);
        Assert.Equal([((long?)BadLine, reason)], Rejects(report));
        Assert.Equal(998, _warehouse.Scalar<long>("select count(*) from core.accounts"));
        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from core.accounts where account_id = 'A501'"));
        Assert.Equal(("公司500", "公司502", "公司999"), _warehouse.Rows(
            "select max(name) filter (account_id = 'A500'), max(name) filter (account_id = 'A502'), max(name) filter (account_id = 'A999') from core.accounts",
            r => (r.GetString(0), r.GetString(1), r.GetString(2)))[0]);
    }

    [Fact]
    public void A_stray_quote_at_line_502_rejects_that_line_alone_and_the_lines_after_it_load()
    {
        var report = _warehouse.LoadText("accounts.csv", StrayQuote);

        AssertOnlyLine502Rejected(report, StrayQuoteReason);
        // The rejected row keeps its own line, not the rest of the file the open quote ran into.
        Assert.Equal("A501,\"坏引号公司,华东,张三,2024-01-05", _warehouse.Scalar<string>(
            "select raw_row from meta.rejects where batch_id = $1", report.BatchId));
    }

    [Fact]
    public void A_3_MB_field_at_line_502_rejects_that_line_alone()
    {
        var report = _warehouse.LoadText("accounts.csv", HugeField);

        AssertOnlyLine502Rejected(report, HugeFieldReason);
    }

    [Fact]
    public void Several_unclosed_quotes_each_reject_their_own_line()
    {
        var report = _warehouse.LoadText("accounts.csv", """
            account_id,name
            A1,"one
            A2,two
            A3,"three
            A4,four
            """);

        Assert.Equal(new BatchCounts(4, 2, 2, 0), report.Counts);
        Assert.Equal([(2L, StrayQuoteReason), (4L, StrayQuoteReason)], Rejects(report).Select(r => (r.Line!.Value, r.Reason)));
        Assert.Equal(["A2", "A4"], _warehouse.Rows("select account_id from core.accounts order by 1", r => r.GetString(0)));
    }

    [Fact]
    public void In_a_file_the_reader_reads_in_parallel_parts_a_stray_quote_loses_no_line()
    {
        // 16 MB: the reader splits it, and the open quote swallowed the rest of its part only, losing half a
        // million rows without a reject, while the row counts still balanced.
        var text = new StringBuilder("product_id,name\n");
        for (var product = 1; product < 1_000_000; product++)
        {
            text.Append(product + 1 == BadLine ? "P501,\"坏引号" : string.Create(CultureInfo.InvariantCulture, $"P{product},N{product}")).Append('\n');
        }

        var report = _warehouse.LoadText("products.csv", text.ToString());

        Assert.Equal(new BatchCounts(999_999, 999_998, 1, 0), report.Counts);
        Assert.Equal([((long?)BadLine, StrayQuoteReason)], Rejects(report));
        Assert.Equal((999_998L, "N999999"), _warehouse.Rows(
            "select count(*), max(name) filter (product_id = 'P999999') from core.products", r => (r.GetInt64(0), r.GetString(1)))[0]);
    }

    [Fact]
    public void Through_the_inbox_a_file_with_a_stray_quote_or_a_huge_field_loads_its_good_rows_and_goes_to_done()
    {
        var inbox = new InboxFolder(_warehouse.Folder.File("inbox"), new FileLoader(_warehouse.Database));
        _warehouse.Write("inbox/accounts_1.csv", StrayQuote);

        var quoted = Assert.Single(inbox.ScanOnce(DateTime.UtcNow.AddMinutes(1)));
        AssertOnlyLine502Rejected(quoted, StrayQuoteReason);
        _warehouse.Write("inbox/accounts_2.csv", HugeField);
        var huge = Assert.Single(inbox.ScanOnce(DateTime.UtcNow.AddMinutes(1)));

        AssertOnlyLine502Rejected(huge, HugeFieldReason);
        Assert.Equal(["accounts_1.csv", "accounts_2.csv"], Directory.GetFiles(inbox.DonePath).Select(Path.GetFileName).Order());
        Assert.False(Directory.Exists(inbox.FailedPath));
    }
}
