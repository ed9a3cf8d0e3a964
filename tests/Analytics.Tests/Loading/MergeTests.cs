using Analytics.Ingest.Loading;
using Analytics.Tests.Support;

namespace Analytics.Tests.Loading;

/// <summary>What a second file does to the first: duplicates change nothing, newer rows win, history is kept, waiting rows load.</summary>
public sealed class MergeTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private const string AccountsV1 = """
        account_id,name,region,owner,industry
        A1,甲方科技有限公司,华东,张三,制造
        A2,乙方公司,华北,李四,零售
        """;

    [Fact]
    public void The_same_content_loaded_twice_is_a_duplicate_and_changes_nothing()
    {
        var first = _warehouse.LoadText("accounts.csv", AccountsV1);
        var version = _warehouse.Database.DataVersion();

        var second = _warehouse.LoadText("accounts_copy.csv", AccountsV1);

        Assert.Equal(LoadStatus.Duplicate, second.Status);
        Assert.Equal(first.BatchId, second.BatchId);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(version, _warehouse.Database.DataVersion());
        Assert.Equal(1, _warehouse.Scalar<long>("select count(*) from meta.load_batches"));
    }

    [Fact]
    public void Every_load_increments_the_data_version()
    {
        var before = _warehouse.Database.DataVersion();
        _warehouse.LoadText("accounts.csv", AccountsV1);
        _warehouse.LoadText("products.csv", "product_id,name\nP1,服务器\n");

        Assert.Equal(before + 2, _warehouse.Database.DataVersion());
    }

    [Fact]
    public void A_newer_file_replaces_rows_with_the_same_key_and_keeps_the_history_of_segmentation_attributes()
    {
        _warehouse.LoadText("accounts_1.csv", AccountsV1);
        _warehouse.LoadText("accounts_2.csv", """
            account_id,name,region,owner,industry
            A1,甲方科技有限公司,华南,王五,制造
            A3,丙方公司,西南,赵六,能源
            """);

        Assert.Equal(
            [("A1", "华南", "王五"), ("A2", "华北", "李四"), ("A3", "西南", "赵六")],
            _warehouse.Rows("select account_id, region, owner from core.accounts order by 1", r => (r.GetString(0), r.GetString(1), r.GetString(2))));
        Assert.Equal(
            [("A1", "华东", "张三", true), ("A1", "华南", "王五", false), ("A2", "华北", "李四", false), ("A3", "西南", "赵六", false)],
            _warehouse.Rows("select account_id, region, owner, valid_to is not null from core.account_history order by account_id, valid_from, region",
                r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3))));
    }

    [Fact]
    public void A_newer_file_with_unchanged_attributes_adds_no_history()
    {
        _warehouse.LoadText("accounts_1.csv", AccountsV1);
        _warehouse.LoadText("accounts_2.csv", AccountsV1 + "\n");

        Assert.Equal(2, _warehouse.Scalar<long>("select count(*) from core.account_history"));
    }

    [Fact]
    public void An_order_in_a_newer_file_replaces_all_its_lines()
    {
        _warehouse.LoadText("accounts.csv", AccountsV1);
        _warehouse.LoadText("products.csv", "product_id,name\nP1,服务器\nP2,打印机\n");
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date\nO1,A1,2025-01-02\n");
        _warehouse.LoadText("order_lines_1.csv", "order_id,product_id,quantity,unit_price\nO1,P1,1,100\nO1,P2,2,50\n");
        _warehouse.LoadText("order_lines_2.csv", "order_id,product_id,quantity,unit_price\nO1,P2,3,50\n");

        Assert.Equal(
            [(1, "P2", 3m)],
            _warehouse.Rows("select line_no, product_id, quantity from core.order_lines", r => (r.GetInt32(0), r.GetString(1), r.GetDecimal(2))));
    }

    [Fact]
    public void Orders_that_arrive_before_their_account_wait_and_load_when_it_arrives()
    {
        var orders = _warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,amount
            O1,A1,2025-01-02,100.00
            O2,A2,2025-01-03,200.00
            O3,A9,2025-01-04,300.00
            """);
        Assert.Equal(new BatchCounts(3, 0, 0, 3), orders.Counts);
        Assert.Equal(
            ["account A1", "account A2", "account A9"],
            _warehouse.Rows("select waiting_for from staging.pending_rows order by source_line", r => r.GetString(0)));

        _warehouse.LoadText("accounts.csv", AccountsV1);

        Assert.Equal(["O1", "O2"], _warehouse.Rows("select order_id from core.orders order by 1", r => r.GetString(0)));
        Assert.Equal(
            (3L, 2L, 0L, 1L),
            _warehouse.Rows("select rows_read, rows_loaded, rows_rejected, rows_pending from meta.load_batches where batch_id = $1",
                r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), orders.BatchId)[0]);
        Assert.Equal(["O3"], _warehouse.Rows("select raw_row->>'order_id' from staging.pending_rows", r => r.GetString(0)));
        Assert.Equal(orders.BatchId, _warehouse.Scalar<long>("select batch_id from core.orders where order_id = 'O1'"));
    }

    [Fact]
    public void Lines_waiting_for_an_order_that_waits_for_its_account_load_in_one_go()
    {
        _warehouse.LoadText("products.csv", "product_id,name\nP1,服务器\n");
        _warehouse.LoadText("order_lines.csv", "order_id,product_id,quantity,unit_price,discount\nO1,P1,2,100.50,0.1\n");
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date\nO1,A1,2025-01-02\n");
        Assert.Equal(2, _warehouse.Scalar<long>("select count(*) from staging.pending_rows"));

        _warehouse.LoadText("accounts.csv", AccountsV1);

        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from staging.pending_rows"));
        Assert.Equal((2m, 100.50m, 0.1m), _warehouse.Rows("select quantity, unit_price, discount from core.order_lines",
            r => (r.GetDecimal(0), r.GetDecimal(1), r.GetDecimal(2)))[0]);
    }

    [Fact]
    public void A_waiting_row_does_not_overwrite_a_newer_row_with_the_same_key()
    {
        _warehouse.LoadText("orders_old.csv", "order_id,account_id,order_date,amount\nO1,A1,2025-01-02,100.00\n");
        _warehouse.LoadText("accounts_a2.csv", "account_id,name\nA2,乙方公司\n");
        _warehouse.LoadText("orders_new.csv", "order_id,account_id,order_date,amount\nO1,A2,2025-01-02,150.00\n");

        _warehouse.LoadText("accounts_a1.csv", "account_id,name\nA1,甲方科技有限公司\n");

        Assert.Equal(("A2", 150.00m), _warehouse.Rows("select account_id, amount from core.orders", r => (r.GetString(0), r.GetDecimal(1)))[0]);
        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from staging.pending_rows"));
    }

    [Fact]
    public void Timestamps_without_an_offset_are_read_in_the_contracts_time_zone_and_stored_in_UTC()
    {
        _warehouse.LoadText("accounts.csv", AccountsV1);
        _warehouse.LoadText("contracts.csv", """
            contract_id,account_id,start_date,end_date,time_zone
            C1,A1,2025-01-01,2025-12-31,
            C2,A2,2025-01-01,2025-12-31,Europe/Berlin
            """);
        _warehouse.LoadText("tickets.csv", """
            ticket_id,account_id,contract_id,kind,opened_at
            T1,A1,C1,phone,2025-03-04 16:30:00
            T2,A1,C1,phone,2025-03-04T16:30:00+08:00
            T3,A2,C2,phone,2025-03-04 16:30:00
            T4,A2,C2,phone,2025-03-04T16:30:00Z
            T5,A1,,phone,2025-03-04 16:30
            T6,A1,,phone,2025-03-04 16:30:00+0800
            T7,A1,,phone,2025-03-04T16:30:00.250-05
            T8,A1,,phone,2025-03-04 16:30:00.5
            """);

        Assert.Equal(
            ["2025-03-04 08:30:00+00", "2025-03-04 08:30:00+00", "2025-03-04 15:30:00+00", "2025-03-04 16:30:00+00", "2025-03-04 08:30:00+00",
             "2025-03-04 08:30:00+00", "2025-03-04 21:30:00.25+00", "2025-03-04 08:30:00.5+00"],
            _warehouse.Rows("select opened_at::varchar from core.tickets order by ticket_id", r => r.GetString(0)));
    }

    [Fact]
    public void A_mapping_reads_other_names_null_markers_and_date_formats()
    {
        var mapping = _warehouse.Write("erp.mapping.json", """
            {"entity":"orders","null_values":["NULL","-"],"date_format":"%d/%m/%Y",
             "columns":{"order_id":"单号","account_id":"客户","order_date":"日期","amount":"金额","paid_date":"付款"}}
            """);
        _warehouse.LoadText("accounts.csv", AccountsV1);

        var report = _warehouse.LoadText("erp_export.csv", """
            单号,客户,日期,金额,付款
            S-1,A1,04/03/2025,1234.50,NULL
            S-2,A2,31/12/2024,99.99,-
            S-3,A2,2024-12-31,1.00,
            """, new Analytics.Ingest.LoadOptions(MappingPath: mapping));

        Assert.Equal(new BatchCounts(3, 2, 1, 0), report.Counts);
        Assert.Equal(
            [("S-1", new DateOnly(2025, 3, 4), 1234.50m), ("S-2", new DateOnly(2024, 12, 31), 99.99m)],
            _warehouse.Rows("select order_id, order_date, amount from core.orders order by 1",
                r => (r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetDecimal(2))));
        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from core.orders where paid_date is not null"));
        Assert.Equal("order_date is not a date: 2024-12-31", _warehouse.Scalar<string>("select reason from meta.rejects"));
    }

    [Fact]
    public void A_file_without_a_required_column_fails_whole_with_a_clear_reason()
    {
        var report = _warehouse.LoadText("orders.csv", "order_id,order_date\nO1,2025-01-02\n");

        Assert.Equal(LoadStatus.Failed, report.Status);
        Assert.Equal("The file has no column 'account_id', which every orders row needs.", report.Error);
        Assert.Equal(("failed", "The file has no column 'account_id', which every orders row needs."),
            _warehouse.Rows("select status, error from meta.load_batches", r => (r.GetString(0), r.GetString(1)))[0]);
        Assert.Equal(0, _warehouse.Database.DataVersion());
    }
}
