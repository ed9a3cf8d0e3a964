using Analytics.Ingest;
using Analytics.Ingest.Loading;
using Analytics.Tests.Support;

namespace Analytics.Tests.Loading;

/// <summary>Every kind of bad row is rejected with its line and reason; nothing is lost.</summary>
public sealed class BadRowsTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private List<(long? Line, string Reason)> Rejects(LoadReport report) =>
        _warehouse.Rows("select source_line, reason from meta.rejects where batch_id = $1 order by source_line",
            r => (r.IsDBNull(0) ? (long?)null : r.GetInt64(0), r.GetString(1)), report.BatchId);

    private static void AssertBalanced(LoadReport report) =>
        Assert.Equal(report.Counts.Read, report.Counts.Loaded + report.Counts.Rejected + report.Counts.Pending);

    private LoadReport LoadAccounts() => _warehouse.LoadText("accounts.csv", """
        account_id,name,region,owner,created_on
        A1,甲方科技有限公司,华东,张三,2024-01-05
        A2,乙方公司,华北,李四,2024-02-30
        ,丙方公司,华南,王五,2024-03-01
        A3,,华南,王五,2024-03-01
        A4,丁方公司,华东,赵六,2024-03-01
        A4,丁方公司二,华东,赵六,2024-03-02
        A5,"戊方公司, 上海",华东,孙七,2024-04-01
        A6,己方公司,华东
        """);

    [Fact]
    public void Accounts_with_a_bad_date_a_missing_key_or_name_a_duplicate_key_or_too_few_fields_are_rejected_with_their_line()
    {
        var report = LoadAccounts();

        Assert.Equal(LoadStatus.Loaded, report.Status);
        Assert.Equal(new BatchCounts(8, 2, 6, 0), report.Counts);
        Assert.Equal(
            [
                (3, "created_on is not a date: 2024-02-30"),
                (4, "missing account_id"),
                (5, "missing name"),
                (6, "duplicate key account_id=A4 in file (lines 6, 7)"),
                (7, "duplicate key account_id=A4 in file (lines 6, 7)"),
                (9, "unreadable CSV line: Expected Number of Columns: 5 Found: 3"),
            ],
            Rejects(report));
        Assert.Equal(["A1", "A5"], _warehouse.Rows("select account_id from core.accounts order by 1", r => r.GetString(0)));
        Assert.Equal("戊方公司, 上海", _warehouse.Scalar<string>("select name from core.accounts where account_id = 'A5'"));
    }

    [Fact]
    public void A_rejected_row_keeps_its_whole_source_row()
    {
        var report = LoadAccounts();

        var raw = _warehouse.Scalar<string>("select raw_row from meta.rejects where batch_id = $1 and source_line = 3", report.BatchId);
        Assert.Equal("""{"account_id":"A2","name":"乙方公司","region":"华北","owner":"李四","created_on":"2024-02-30"}""", raw);
    }

    [Fact]
    public void Products_with_a_negative_or_unreadable_price_are_rejected()
    {
        var report = _warehouse.LoadText("products.csv", """
            product_id,name,category,list_price,unit_cost
            P1,商用台式机,desktop,4999.00,4500.00
            P2,笔记本,laptop,-1.00,5000
            P3,交换机,switch,abc,100
            """);

        Assert.Equal(new BatchCounts(3, 1, 2, 0), report.Counts);
        Assert.Equal([(3, "negative list_price"), (4, "list_price is not a number: abc")], Rejects(report));
    }

    [Fact]
    public void Contracts_ending_before_they_start_or_with_impossible_terms_are_rejected()
    {
        LoadAccounts();
        var report = _warehouse.LoadText("contracts.csv", """
            contract_id,account_id,start_date,end_date,auto_renew,notice_days,margin_cap_pct,penalty_threshold_pct,response_hours,onsite_hours,time_zone
            C1,A1,2024-01-01,2024-12-31,true,30,7,10,2,4,
            C2,A1,2024-06-01,2024-05-31,true,30,7,10,2,4,Asia/Shanghai
            C3,A1,2024-01-01,2024-12-31,maybe,30,150,10,2,4,Asia/Shanghai
            C4,A1,2024-01-01,2024-12-31,false,30,7,10,0,4,Mars/Olympus
            """);

        Assert.Equal(new BatchCounts(4, 1, 3, 0), report.Counts);
        Assert.Equal(
            [
                (3, "end_date before start_date"),
                (4, "auto_renew is not yes or no: maybe; margin_cap_pct outside 0..100; penalty_threshold_pct below margin_cap_pct"),
                (5, "SLA hours must be positive; unknown time_zone"),
            ],
            Rejects(report));
        Assert.Equal("Asia/Shanghai", _warehouse.Scalar<string>("select time_zone from core.contracts where contract_id = 'C1'"));
        Assert.Equal("CN", _warehouse.Scalar<string>("select holiday_calendar from core.contracts where contract_id = 'C1'"));
    }

    [Fact]
    public void Order_lines_with_negative_quantity_bad_discount_or_unreadable_numbers_are_rejected()
    {
        LoadAccounts();
        _warehouse.LoadText("products.csv", "product_id,name\nP1,商用台式机\n");
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date\nO1,A1,2024-05-01\n");
        var report = _warehouse.LoadText("order_lines.csv", """
            order_id,product_id,quantity,unit_price,discount
            O1,P1,2,4999.00,0
            O1,P1,-1,4999.00,0
            O1,P1,1,4999.00,1.5
            O1,P1,two,4999.00,0
            O1,P1,3,4999.00,
            """);

        Assert.Equal(new BatchCounts(5, 2, 3, 0), report.Counts);
        Assert.Equal(
            [(3, "negative quantity"), (4, "discount outside 0..1"), (5, "quantity is not a number: two")],
            Rejects(report));
        Assert.Equal([(1, 0m), (5, 0m)], _warehouse.Rows("select line_no, discount from core.order_lines order by line_no", r => (r.GetInt32(0), r.GetDecimal(1))));
    }

    [Fact]
    public void Blanks_around_values_are_ignored_and_a_value_of_blanks_is_missing()
    {
        LoadAccounts();
        _warehouse.LoadText("products.csv", "product_id,name\nP1,商用台式机\n");
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date\nO1,A1,2024-05-01\n");
        var report = _warehouse.LoadText("order_lines.csv", """
            order_id,product_id,quantity,unit_price,discount
             O1 , P1 , 3 , 4999.50 ,  
            O1,P1,  ,100,0
            """);

        Assert.Equal(new BatchCounts(2, 1, 1, 0), report.Counts);
        Assert.Equal([(3, "missing quantity")], Rejects(report));
        Assert.Equal(("O1", "P1", 3m, 4999.50m, 0m), _warehouse.Rows("select order_id, product_id, quantity, unit_price, discount from core.order_lines",
            r => (r.GetString(0), r.GetString(1), r.GetDecimal(2), r.GetDecimal(3), r.GetDecimal(4)))[0]);
    }

    [Fact]
    public void Order_lines_numbered_in_the_file_must_all_have_a_number()
    {
        LoadAccounts();
        _warehouse.LoadText("products.csv", "product_id,name\nP1,商用台式机\n");
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date\nO1,A1,2024-05-01\n");
        var report = _warehouse.LoadText("order_lines.csv", """
            order_id,line_no,product_id,quantity,unit_price
            O1,1,P1,2,4999.00
            O1,,P1,1,4999.00
            O1,x,P1,1,4999.00
            O1,1,P1,1,4999.00
            """);

        Assert.Equal(new BatchCounts(4, 0, 4, 0), report.Counts);
        Assert.Equal(
            [
                (2, "duplicate key order_id=O1, line_no=1 in file (lines 2, 5)"),
                (3, "missing line_no"),
                (4, "line_no is not a whole number: x"),
                (5, "duplicate key order_id=O1, line_no=1 in file (lines 2, 5)"),
            ],
            Rejects(report));
    }

    [Fact]
    public void Orders_with_negative_amounts_or_dates_out_of_order_are_rejected()
    {
        LoadAccounts();
        var report = _warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,amount,invoice_date,due_date
            O1,A1,2024-05-01,100.50,2024-05-02,2024-06-01
            O2,A1,2024-05-01,-3.00,,
            O3,A1,2024-05-01,10.00,2024-05-02,2024-05-01
            O4,A1,2024-05-01,10.00,2024-04-30,
            O5,A1,,10.00,,
            """);

        Assert.Equal(new BatchCounts(5, 1, 4, 0), report.Counts);
        Assert.Equal(
            [
                (3, "negative amount"),
                (4, "due_date before invoice_date"),
                (5, "invoice_date before order_date"),
                (6, "missing order_date"),
            ],
            Rejects(report));
    }

    [Fact]
    public void Tickets_resolved_before_opened_or_with_satisfaction_out_of_range_are_rejected()
    {
        LoadAccounts();
        var report = _warehouse.LoadText("tickets.csv", """
            ticket_id,account_id,kind,opened_at,first_response_at,resolved_at,closed_at,satisfaction
            T1,A1,phone,2025-03-04 10:00:00,2025-03-04 10:30:00,2025-03-04 11:00:00,2025-03-04 12:00:00,5
            T2,A1,phone,2025-03-04 10:00:00,,2025-03-04 09:00:00,,
            T3,A1,onsite,2025-03-04 10:00:00,,,,7
            T4,A1,email,2025-03-04 10:00:00,,,,
            T5,A1,phone,yesterday,,,,
            T6,A1,complaint,2025-03-04 10:00:00,,2025-03-04 11:00:00,2025-03-04 10:30:00,
            """);

        Assert.Equal(new BatchCounts(6, 1, 5, 0), report.Counts);
        Assert.Equal(
            [
                (3, "resolved_at before opened_at"),
                (4, "satisfaction outside 1..5"),
                (5, "kind not one of phone, onsite, maintenance, complaint, request"),
                (6, "opened_at is not a timestamp: yesterday"),
                (7, "closed_at before resolved_at"),
            ],
            Rejects(report));
    }

    [Fact]
    public void Rows_of_an_unknown_parent_are_rejected_when_orphans_are_refused()
    {
        LoadAccounts();
        var report = _warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,contract_id
            O1,A1,2024-05-01,
            O2,A9,2024-05-01,
            O3,A1,2024-05-01,C7
            """, new LoadOptions(Orphans: OrphanPolicy.Reject));

        Assert.Equal(new BatchCounts(3, 1, 2, 0), report.Counts);
        Assert.Equal([(3, "unknown account A9"), (4, "unknown contract C7")], Rejects(report));
    }

    [Fact]
    public void The_report_lists_the_rejects_and_the_counts_always_add_up()
    {
        var report = LoadAccounts();

        AssertBalanced(report);
        Assert.Equal(6, report.Rejects.Count);
        Assert.Equal(3, report.Rejects[0].Line);
        Assert.Equal(
            (8L, 2L, 6L, 0L),
            _warehouse.Rows("select rows_read, rows_loaded, rows_rejected, rows_pending from meta.load_batches where batch_id = $1",
                r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), report.BatchId)[0]);
    }
}
