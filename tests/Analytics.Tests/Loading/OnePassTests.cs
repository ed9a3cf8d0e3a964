using Analytics.Ingest.Loading;
using Analytics.Tests.Support;

namespace Analytics.Tests.Loading;

/// <summary>
/// A clean CSV file loads in one pass, straight from the reader; anything the one pass cannot explain (a row that
/// does not load, a line the reader cannot parse, a repeated key, a file that needs its lines) sends the file the
/// staged way, leaving nothing of the attempt behind.
/// </summary>
public sealed class OnePassTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public OnePassTests()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name,region\nA1,甲方科技,华东\nA2,乙方公司,华北\n");
        _warehouse.LoadText("products.csv", "product_id,name\nP1,服务器\nP2,打印机\n");
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date\nO1,A1,2025-01-02\nO2,A2,2025-01-03\n");
    }

    public void Dispose() => _warehouse.Dispose();

    private List<string> Lines() =>
        _warehouse.Rows("""
            select order_id || '/' || line_no || '/' || product_id || '/' || quantity || '/' || unit_price || '/' || coalesce(unit_cost::varchar, '-') || '/' || discount
            from core.order_lines order by order_id, line_no
            """, r => r.GetString(0));

    [Fact]
    public void A_clean_file_loads_in_one_pass_typed_and_trimmed_as_a_staged_one_would_be()
    {
        var report = _warehouse.LoadText("order_lines.csv", """
            order_id,line_no,product_id,quantity,unit_price,unit_cost,discount
             O1 ,1,P1,2,1999.50,1500.25,0.1
            O1,2, P2,1.5,10,,
            O2,1,P1,3,0.01,0,1
            """);

        Assert.Equal(LoadStatus.Loaded, report.Status);
        Assert.False(report.Staged);
        Assert.Equal(new BatchCounts(3, 3, 0, 0), report.Counts);
        Assert.Equal(
            ["O1/1/P1/2.0000/1999.5000/1500.2500/0.100000", "O1/2/P2/1.5000/10.0000/-/0.000000", "O2/1/P1/3.0000/0.0100/0.0000/1.000000"],
            Lines());
        Assert.Equal((3L, 3L, 0L, 0L), _warehouse.Rows(
            "select rows_read, rows_loaded, rows_rejected, rows_pending from meta.load_batches where batch_id = $1",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), report.BatchId)[0]);
    }

    [Fact]
    public void A_bad_last_row_sends_the_file_the_staged_way_with_its_line_and_reason_and_nothing_doubled()
    {
        var report = _warehouse.LoadText("order_lines.csv", """
            order_id,line_no,product_id,quantity,unit_price
            O1,1,P1,2,100
            O1,2,P2,1,50
            O2,1,P1,-3,10
            """);

        Assert.True(report.Staged);
        Assert.Equal(new BatchCounts(3, 2, 1, 0), report.Counts);
        Assert.Equal([new RejectedRow(4, "negative quantity")], report.Rejects);
        Assert.Equal(["O1/1/P1/2.0000/100.0000/-/0.000000", "O1/2/P2/1.0000/50.0000/-/0.000000"], Lines());
        Assert.Equal(1, _warehouse.Scalar<long>("select count(*) from meta.load_batches where file_name = 'order_lines.csv'"));
    }

    [Fact]
    public void A_repeated_key_is_found_after_writing_and_the_staged_load_names_its_lines()
    {
        var report = _warehouse.LoadText("order_lines.csv", """
            order_id,line_no,product_id,quantity,unit_price
            O1,1,P1,2,100
            O2,1,P1,1,50
            O1,01,P2,5,10
            """);

        Assert.True(report.Staged);
        Assert.Equal(new BatchCounts(3, 1, 2, 0), report.Counts);
        Assert.Equal(
            [new RejectedRow(2, "duplicate key order_id=O1, line_no=1 in file (lines 2, 4)"), new RejectedRow(4, "duplicate key order_id=O1, line_no=1 in file (lines 2, 4)")],
            report.Rejects);
        Assert.Equal(["O2/1/P1/1.0000/50.0000/-/0.000000"], Lines());
    }

    [Fact]
    public void A_line_the_reader_cannot_parse_sends_the_file_the_staged_way()
    {
        var report = _warehouse.LoadText("order_lines.csv", """
            order_id,line_no,product_id,quantity,unit_price
            O1,1,P1,2,100
            O1,2,P2,1,50,surplus,fields
            O2,1,P1,3,10
            """);

        Assert.True(report.Staged);
        Assert.Equal(new BatchCounts(3, 2, 1, 0), report.Counts);
        Assert.Equal(3, Assert.Single(report.Rejects).Line);
        Assert.StartsWith("unreadable CSV line", report.Rejects[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_waiting_for_its_parent_sends_the_file_the_staged_way_and_waits()
    {
        var report = _warehouse.LoadText("order_lines.csv", "order_id,line_no,product_id,quantity,unit_price\nO1,1,P1,2,100\nO9,1,P1,1,50\n");

        Assert.True(report.Staged);
        Assert.Equal(new BatchCounts(2, 1, 0, 1), report.Counts);
        Assert.Equal("order O9", _warehouse.Scalar<string>("select waiting_for from staging.pending_rows"));
    }

    [Fact]
    public void After_a_file_with_bad_rows_the_next_of_that_entity_is_staged_at_once_and_after_a_clean_one_the_one_pass_is_back()
    {
        var dirty = _warehouse.LoadText("order_lines_1.csv", "order_id,line_no,product_id,quantity,unit_price\nO1,1,P1,-1,100\n");
        var next = _warehouse.LoadText("order_lines_2.csv", "order_id,line_no,product_id,quantity,unit_price\nO1,1,P1,1,100\n");
        var after = _warehouse.LoadText("order_lines_3.csv", "order_id,line_no,product_id,quantity,unit_price\nO2,1,P2,1,50\n");
        var otherEntity = _warehouse.LoadText("products_2.csv", "product_id,name\nP3,显示器\n");

        Assert.Equal((true, 1L), (dirty.Staged, dirty.Counts.Rejected));
        Assert.Equal((true, 1L), (next.Staged, next.Counts.Loaded));
        Assert.Equal((false, 1L), (after.Staged, after.Counts.Loaded));
        Assert.False(otherEntity.Staged);
    }

    [Fact]
    public void Lines_without_line_numbers_are_staged_to_be_numbered_in_file_order()
    {
        var report = _warehouse.LoadText("order_lines.csv", "order_id,product_id,quantity,unit_price\nO1,P2,1,10\nO1,P1,2,20\n");

        Assert.True(report.Staged);
        Assert.Equal(["O1/1/P2/1.0000/10.0000/-/0.000000", "O1/2/P1/2.0000/20.0000/-/0.000000"], Lines());
    }

    [Fact]
    public void A_newer_clean_file_replaces_what_it_repeats_in_one_pass_and_keeps_the_history()
    {
        _warehouse.LoadText("order_lines_1.csv", "order_id,line_no,product_id,quantity,unit_price\nO1,1,P1,1,100\nO1,2,P2,2,50\nO2,1,P1,1,10\n");
        var lines = _warehouse.LoadText("order_lines_2.csv", "order_id,line_no,product_id,quantity,unit_price\nO1,1,P2,3,50\n");
        var accounts = _warehouse.LoadText("accounts_2.csv", "account_id,name,region\nA1,甲方科技,华南\n");

        Assert.False(lines.Staged);
        Assert.False(accounts.Staged);
        // O1 is replaced whole (its second line goes), O2 stays.
        Assert.Equal(["O1/1/P2/3.0000/50.0000/-/0.000000", "O2/1/P1/1.0000/10.0000/-/0.000000"], Lines());
        Assert.Equal(
            [("A1", "华东", true), ("A1", "华南", false), ("A2", "华北", false)],
            _warehouse.Rows("select account_id, region, valid_to is not null from core.account_history order by account_id, valid_from, region",
                r => (r.GetString(0), r.GetString(1), r.GetBoolean(2))));
        Assert.Equal(2, _warehouse.Scalar<long>("select count(*) from core.accounts"));
    }

    [Fact]
    public void A_clean_JSON_lines_file_loads_in_one_pass_too_with_a_number_written_as_a_string_on_some_lines()
    {
        var report = _warehouse.LoadText("order_lines.jsonl", """
            {"order_id":"O1","line_no":1,"product_id":"P1","quantity":2,"unit_price":"100.5"}
            {"order_id":"O2","line_no":1,"product_id":"P2","quantity":1.25,"unit_price":8}
            """);

        Assert.False(report.Staged);
        Assert.Equal(new BatchCounts(2, 2, 0, 0), report.Counts);
        Assert.Equal(["O1/1/P1/2.0000/100.5000/-/0.000000", "O2/1/P2/1.2500/8.0000/-/0.000000"], Lines());
    }

    [Fact]
    public void A_clean_file_releases_rows_that_waited_for_it()
    {
        _warehouse.LoadText("order_lines.csv", "order_id,line_no,product_id,quantity,unit_price\nO3,1,P1,2,100\n");

        var orders = _warehouse.LoadText("orders_2.csv", "order_id,account_id,order_date\nO3,A1,2025-02-01\n");

        Assert.False(orders.Staged);
        Assert.Equal(["O3/1/P1/2.0000/100.0000/-/0.000000"], Lines());
        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from staging.pending_rows"));
        Assert.Equal((1L, 0L), _warehouse.Rows(
            "select rows_loaded, rows_pending from meta.load_batches where file_name = 'order_lines.csv'", r => (r.GetInt64(0), r.GetInt64(1)))[0]);
    }
}
