using System.Globalization;
using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Ingest.Loading;
using Analytics.Tests.Support;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Marts;

/// <summary>
/// The refresh after a load (<see cref="MartBuilder.RefreshChanged"/>) gives the marts a full build gives, every mart
/// and every row: two warehouses take the same loads, one refreshing after each as the service does, the other
/// rebuilding everything, and every mart the build lists (a new one included, unasked) is compared both ways with
/// EXCEPT ALL. The loads are a small demo company and files written here by hand on top of it: new orders, a replaced
/// file (an order moved to another account, an order's lines replaced), lines waiting for their order, rejected rows,
/// tickets, a payment known only once as_of moves on, contracts owing maintenance visits, a day, a month and three
/// months that move as_of, a person's duplicate decision, a setting and a new account.
/// </summary>
public sealed class IncrementalRefreshTests : IDisposable
{
    private static readonly IReadOnlyDictionary<string, SqlModel> Models = MartBuilder.Models().ToDictionary(m => m.Name);

    private readonly TestWarehouse _incremental = new();
    private readonly TestWarehouse _full = new();
    private readonly TempFolder _files = new();

    public void Dispose()
    {
        _incremental.Dispose();
        _full.Dispose();
        _files.Dispose();
    }

    [Fact]
    public void After_every_load_the_marts_refreshed_by_account_equal_a_full_build_row_for_row()
    {
        var demo = _files.File("demo");
        DemoCompany.Write(demo, new DemoOptions(new DateOnly(2026, 1, 15), Accounts: 40, Years: 2, Seed: 11));
        var first = Load("demo", demo);
        Assert.True(first.Full);
        Assert.Equal("a mart has no table yet", first.Reason);

        var book = Book.Of(_full);
        var day = book.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var before = book.AsOf.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Contracts owing maintenance visits across the days as_of moves to below: one in force throughout, one that
        // ends and one terminated within the month after as_of's, one that ends two months later.
        var monthStart = new DateOnly(book.AsOf.Year, book.AsOf.Month, 1).AddMonths(1);
        var contracts = Load("contracts", Write("contracts_new.csv", $"""
            contract_id,account_id,start_date,end_date,auto_renew,notice_days,renewal_months,terminated_on
            KV1,{book.A1},{book.AsOf.AddYears(-1):yyyy-MM-dd},{book.AsOf.AddYears(2):yyyy-MM-dd},false,30,12,
            KV2,{book.A2},{book.AsOf.AddYears(-1):yyyy-MM-dd},{monthStart.AddDays(19):yyyy-MM-dd},false,30,12,
            KV3,{book.A3},{book.AsOf.AddYears(-1):yyyy-MM-dd},{book.AsOf.AddMonths(-2):yyyy-MM-dd},true,30,12,{monthStart.AddDays(24):yyyy-MM-dd}
            KV4,{book.A3},{book.AsOf.AddMonths(-6):yyyy-MM-dd},{monthStart.AddMonths(2).AddDays(9):yyyy-MM-dd},false,30,12,
            """));
        Assert.True(contracts.Full);

        var newOrders = Load("new orders", Write("orders_new.csv", $"""
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            N1,{book.A1},{day},phone,{book.Contract},,{day},,
            N2,{book.A2},{before},schedule,,1200.00,{before},,
            """));
        Assert.False(newOrders.Full);
        Assert.Contains(newOrders.Timings, t => t is { Mart: "orders", Rebuild: MartRebuild.Rows, Ids: > 0 });
        Assert.Contains(newOrders.Timings, t => t is { Mart: "account_identities", Rebuild: MartRebuild.Unchanged });
        // The views (order_lines, order_margin) rebuild nothing; the marts reading them go by the orders (contracts).
        Assert.All(newOrders.Timings.Where(t => Models[t.Mart].Header.IsView), t => Assert.Equal(MartRebuild.Unchanged, t.Rebuild));
        Assert.Contains(newOrders.Timings, t => t is { Mart: "contract_month_margin", Rebuild: MartRebuild.Rows });
        // Orders of the as_of month and of three days before it: the segment history rebuilds the months whose
        // account_months rows changed (the as_of month, and the month before when as_of is early in its month).
        var before3 = book.AsOf.AddDays(-3);
        var changedMonths = before3.Month == book.AsOf.Month ? 1 : 2;
        Assert.Contains(newOrders.Timings, t => t is { Mart: "account_segment_history", Rebuild: MartRebuild.Rows } && t.Ids == changedMonths);
        // The revenue by account and month rebuilds the new orders' months (the same two days); revenue_by_month adds it up whole.
        Assert.Equal((MartRebuild.Rows, (long)changedMonths), Timing(newOrders, "account_revenue_by_month"));
        Assert.Equal(MartRebuild.Whole, Timing(newOrders, "revenue_by_month").Rebuild);
        Load("new lines", Write("order_lines_new.csv", $"""
            order_id,product_id,quantity,unit_price,unit_cost,discount
            N1,{book.P1},2,1000.00,930.00,0
            N1,{book.P2},1,500.00,400.00,0.1
            """));

        // A corrected file: N2 belonged to another account and cost more; N1's lines are replaced as a set.
        var oldOrderDay = book.OldOrderDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var corrected = Load("order moved", Write("orders_fix.csv", $"""
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            N2,{book.A3},{before},schedule,,1300.00,{before},,
            {book.OldOrder},{book.A3},{oldOrderDay},phone,,777.00,,,
            """));
        Assert.Equal(0L, _incremental.Scalar<long>("select count(*) from meta.rejects where file_name = 'orders_fix.csv'"));
        // The months of N2 and of the old order, whose rows move from one account to another.
        var correctedMonths = new[] { before3, book.OldOrderDate }.Select(d => (d.Year, d.Month)).Distinct().Count();
        Assert.Equal((MartRebuild.Rows, (long)correctedMonths), Timing(corrected, "account_revenue_by_month"));
        Load("lines replaced", Write("order_lines_fix.csv", $"""
            order_id,product_id,quantity,unit_price,unit_cost,discount
            N1,{book.P2},3,500.00,480.00,0
            """));

        // Lines before their order: they wait, change nothing, and load with the order.
        var waiting = Load("lines waiting", Write("order_lines_late.csv", $"""
            order_id,product_id,quantity,unit_price,unit_cost,discount
            N3,{book.P1},1,2000.00,1500.00,0
            """));
        Assert.All(waiting.Timings, t => Assert.Equal(MartRebuild.Unchanged, t.Rebuild));
        Load("late parent", Write("orders_late.csv", $"""
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            N3,{book.A2},{before},phone,,,,,
            """));
        Assert.Equal(1L, _incremental.Scalar<long>("select count(*) from marts.order_lines where order_id = 'N3'"));

        Load("rejected rows", Write("orders_bad.csv", $"""
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            N4,{book.A3},{before},phone,,88.00,,,
            N5,{book.A1},2025-13-45,phone,,10.00,,,
            N6,NOT-AN-ACCOUNT,{before},phone,,10.00,,,
            """));
        Assert.Equal(1L, _incremental.Scalar<long>("select count(*) from meta.rejects where file_name = 'orders_bad.csv'"));

        Load("tickets", Write("tickets_new.csv", $"""
            ticket_id,account_id,contract_id,kind,priority,contact,is_designated_contact,opened_at,first_response_at,onsite_at,resolved_at,closed_at,satisfaction,engineer,site
            TN1,{book.A1},{book.Contract},phone,high,张三,true,{before}T16:30:00+08:00,{before}T18:00:00+08:00,,,,4,工程师甲,站点甲
            {book.OldTicket},{book.A2},,complaint,high,李四,false,{before}T10:00:00+08:00,{before}T13:30:00+08:00,,,,1,工程师乙,站点乙
            """));

        // Paid the day after as_of: not known yet, so the invoice stays open until a later file moves as_of.
        var nextDay = book.AsOf.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Load("payments", Write("orders_paid.csv", $"""
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            N2,{book.A3},{before},schedule,,1300.00,{before},,{nextDay}
            """));
        Assert.Equal("open", _incremental.Scalar<string>("select status from marts.invoice_payments where order_id = 'N2'"));

        // A day after the last one moves as_of, here into a new month (the demo ends on a month's last day): the invoices
        // still unpaid are judged again (N2's payment is known now, though this file does not name it); the service
        // calendar spans whole years, so the SLA clocks keep theirs.
        var historyBefore = HistoryMonths();
        var moved = Load("next day", Write("orders_next.csv", $"""
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            N7,{book.A2},{nextDay},phone,,99.00,{nextDay},,
            """));
        Assert.False(moved.Full);
        Assert.NotEqual("open", _incremental.Scalar<string>("select status from marts.invoice_payments where order_id = 'N2'"));
        Assert.Equal(monthStart, book.AsOf.AddDays(1));
        Assert.Contains(moved.Timings, t => t is { Mart: "invoice_payments", Rebuild: MartRebuild.Rows });
        // Its aged rows lie beyond the touched accounts: account_payments, which reads them, is rebuilt whole.
        Assert.Contains(moved.Timings, t => t is { Mart: "account_payments", Rebuild: MartRebuild.Whole });
        Assert.Contains(moved.Timings, t => t is { Mart: "account_order_months", Rebuild: MartRebuild.Rows });
        Assert.Contains(moved.Timings, t => t is { Mart: "ticket_sla", Rebuild: MartRebuild.Unchanged });
        // A later as_of bounds no order a load has not written: the revenue by account and month rebuilds N7's month alone.
        Assert.Equal((MartRebuild.Rows, 1L), Timing(moved, "account_revenue_by_month"));
        // The months from the old as_of's on, two, of every company and contract are rebuilt, not the whole history; the
        // history's first month goes. The old as_of was its month's last day, so that month's rows stay as they were:
        // the segment history rebuilds the two months whose account_months rows changed, the new one and the one gone.
        Assert.Equal((MartRebuild.Months, 2L), Timing(moved, "account_months"));
        Assert.Equal((MartRebuild.Months, 2L), Timing(moved, "maintenance_visits"));
        Assert.Equal((MartRebuild.Rows, 2L), Timing(moved, "account_segment_history"));
        Assert.Equal((historyBefore.First.AddMonths(1), historyBefore.Last.AddMonths(1), historyBefore.Count), HistoryMonths());

        // Within the month: every company's and contract's rows of the as_of month alone (month ends, months over).
        var withinMonth = monthStart.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var within = Load("within the month", Write("orders_within_month.csv", $"""
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            N9,{book.A3},{withinMonth},phone,,45.00,{withinMonth},,
            """));
        Assert.False(within.Full);
        Assert.Equal((MartRebuild.Months, 1L), Timing(within, "account_months"));
        Assert.Equal((MartRebuild.Months, 1L), Timing(within, "maintenance_visits"));
        Assert.Equal((MartRebuild.Rows, 1L), Timing(within, "account_segment_history"));

        // Into the next month, past the day KV2 ended and KV3 was terminated: their last month is over now; KV1 runs on.
        var nextMonth = monthStart.AddMonths(1).AddDays(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var month = Load("next month", Write("orders_next_month.csv", $"""
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            N10,{book.A1},{nextMonth},phone,,60.00,{nextMonth},,
            """));
        Assert.False(month.Full);
        Assert.Equal((MartRebuild.Months, 2L), Timing(month, "account_months"));
        Assert.Equal((MartRebuild.Months, 2L), Timing(month, "maintenance_visits"));
        // The old as_of month's month end becomes its last day, the new month comes in, the history's first month goes.
        Assert.Equal((MartRebuild.Rows, 3L), Timing(month, "account_segment_history"));
        Assert.Equal((historyBefore.First.AddMonths(2), historyBefore.Last.AddMonths(2), historyBefore.Count), HistoryMonths());
        Assert.Equal(
            [("KV1", true, false), ("KV1", false, true), ("KV2", true, false), ("KV3", true, false)],
            _incremental.Rows($"""
                select contract_id, is_month_over, month > '{monthStart:yyyy-MM-dd}' from marts.maintenance_visits
                where contract_id in ('KV1', 'KV2', 'KV3') and month >= '{monthStart:yyyy-MM-dd}' order by 1, 3, 2
                """, r => (r.GetString(0), r.GetBoolean(1), r.GetBoolean(2))));

        // Three months on: four months rebuilt, three of the history's first months go; KV4 ended on the way.
        var later = monthStart.AddMonths(4).AddDays(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var far = Load("three months on", Write("orders_later_months.csv", $"""
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            N11,{book.A2},{later},phone,,70.00,{later},,
            """));
        Assert.False(far.Full);
        Assert.Equal((MartRebuild.Months, 4L), Timing(far, "account_months"));
        Assert.Equal((MartRebuild.Months, 4L), Timing(far, "maintenance_visits"));
        Assert.Equal((historyBefore.First.AddMonths(5), historyBefore.Last.AddMonths(5), historyBefore.Count), HistoryMonths());
        Assert.Equal([true, true], _incremental.Rows($"select is_month_over from marts.maintenance_visits where contract_id = 'KV4' and month > '{monthStart:yyyy-MM-dd}' order by month", r => r.GetBoolean(0)));

        // A person's decision on a pair is an input no load records: it is seen, and everything is rebuilt.
        foreach (var warehouse in new[] { _incremental, _full })
        {
            using var connection = warehouse.Connect();
            DuplicateReview.Decide(connection, book.A1, book.A2, DuplicateReview.Rejected, "test");
            // the same moment in both, so that the marts showing it agree
            connection.Execute("update core.duplicate_decisions set decided_at = timestamptz '2026-01-01 00:00:00+00'");
        }

        var decided = Refresh("decision");
        Assert.True(decided.Full);

        var setting = Refresh("setting", ("churn.inactive_days", "90"));
        Assert.True(setting.Full);
        Assert.StartsWith("an input other than orders, order lines and tickets changed", setting.Reason, StringComparison.Ordinal);

        var account = Load("new account", Write("accounts_new.csv", "account_id,name,region\nNEW1,新客户科技有限公司,华东\n"));
        Assert.True(account.Full);
        Load("its orders", Write("orders_new_account.csv", $"""
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            N8,NEW1,{day},phone,,5000.00,,,
            """));
    }

    [Fact]
    public void A_later_as_of_brings_in_the_churns_it_dates_of_accounts_no_load_touched_and_the_churns_go_by_rows()
    {
        var demo = _files.File("demo");
        DemoCompany.Write(demo, new DemoOptions(new DateOnly(2026, 1, 15), Accounts: 40, Years: 2, Seed: 11));
        Load("demo", demo);
        var asOf = Book.Of(_full).AsOf;

        // The master account whose inactivity churn falls soonest after as_of (its last order plus churn.inactive_days),
        // and an order of another company dated that day: as_of moves onto the untouched account's churn.
        var (quiet, churnsOn) = _full.Rows("""
            select master_account_id, max(order_date) + 180 as churns_on
            from marts.orders join marts.account_merge_map using (account_id)
            group by 1 having max(order_date) + 180 > (select as_of_date from marts.as_of)
            order by 2, 1 limit 1
            """, r => (r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)))).Single();
        var other = _full.Scalar<string>($"""
            select o.account_id from marts.orders o join marts.account_merge_map m using (account_id)
            where m.master_account_id <> '{quiet}' order by 1 limit 1
            """);
        Assert.Equal(0L, _full.Scalar<long>($"select count(*) from marts.account_churn where master_account_id = '{quiet}' and churned_on > '{asOf:yyyy-MM-dd}'"));

        var day = churnsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var moved = Load("as_of onto a churn", Write("orders_later.csv", $"""
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            L1,{other},{day},phone,,10.00,{day},,
            """));

        // The refresh compared every mart with a full build's (Load); the churn went by rows, and found the quiet one's.
        Assert.False(moved.Full);
        Assert.Equal(MartRebuild.Rows, Timing(moved, "account_churn").Rebuild);
        Assert.Equal(1L, _incremental.Scalar<long>($"select count(*) from marts.account_churn where master_account_id = '{quiet}' and churned_on = '{day}'"));
    }

    [Fact]
    public void A_later_as_of_that_brings_in_a_second_churn_after_one_last_order_leaves_the_months_the_first_one_churned()
    {
        // Under churn.definition contract, K's contract ends in March (churned 1 April) and it returns with a second
        // contract in June, which ends in August (churned 1 September), with no order between: both churns share its
        // last order. As_of moves from July (L's orders) past the second churn; April and May stay churned.
        Load("accounts", Write("accounts.csv", "account_id,name,region\nK,甲方科技有限公司,华东\nL,乙方科技有限公司,华东\n"));
        Load("contracts", Write("contracts.csv", """
            contract_id,account_id,start_date,end_date,auto_renew,notice_days,renewal_months,terminated_on
            KC1,K,2025-01-01,2025-03-31,false,30,12,
            KC2,K,2025-06-01,2025-08-31,false,30,12,
            """));
        Load("orders", Write("orders.csv", """
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            O1,K,2025-01-10,phone,KC1,100.00,,,
            O2,L,2025-02-10,phone,,100.00,,,
            O3,L,2025-07-15,phone,,100.00,,,
            """));
        Assert.True(Refresh("contract churn", ("churn.definition", "contract")).Full);

        var moved = Load("past the second churn", Write("orders_later.csv", """
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            O4,L,2025-09-05,phone,,100.00,,,
            """));

        // The refresh compared every mart with a full build's (Load): July to September rebuilt, the months before kept.
        Assert.False(moved.Full);
        Assert.Equal((MartRebuild.Months, 3L), Timing(moved, "account_months"));
        Assert.Equal(
            ["exploration", "churned", "churned", "exploration", "decline", "decline", "churned"],
            _incremental.Rows("select lifecycle_stage from marts.account_months where master_account_id = 'K' and month >= '2025-03-01' order by month", r => r.GetString(0)));
    }

    [Fact]
    public void A_refresh_with_nothing_loaded_since_changes_nothing_and_says_so()
    {
        _incremental.LoadText("accounts.csv", "account_id,name\nA1,甲方\n");
        using var connection = _incremental.Connect();
        var builder = new MartBuilder(connection);
        Assert.True(builder.RefreshChanged().Full);

        var again = builder.RefreshChanged();

        Assert.False(again.Full);
        Assert.Equal("the marts are current", again.Reason);
        Assert.Empty(again.Timings);
        Assert.Equal(builder.Freshness().DataVersion, again.DataVersion);
    }

    [Fact]
    public void A_header_names_the_column_its_rows_are_refreshed_by_or_none()
    {
        var declared = SqlModelHeader.Parse("m", "-- key: order_id\n-- refresh by: order_id\nselect 1 as order_id");
        var undeclared = SqlModelHeader.Parse("m", "-- key: order_id\nselect 1 as order_id");

        Assert.Equal("order_id", declared.RefreshBy);
        Assert.Null(undeclared.RefreshBy);
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: region\n-- refresh by: region\nselect 1 as region"));
    }

    [Fact]
    public void A_header_may_refresh_by_month_only_with_the_month_in_its_key_and_no_rows_a_later_as_of_changes()
    {
        var byMonth = SqlModelHeader.Parse("m", "-- key: master_account_id, month\n-- refresh by: month\nselect 1 as master_account_id, 2 as month");
        var noRow = SqlModelHeader.Parse("m", "-- key: month\n-- refresh by: month\n-- as_of moves: no row\nselect 1 as month");

        Assert.Equal("month", byMonth.RefreshBy);
        Assert.Equal(("month", "false"), (noRow.RefreshBy, noRow.AsOfMoves));
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: master_account_id\n-- refresh by: month\nselect 1 as master_account_id"));
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: month\n-- refresh by: month\n-- as_of moves: rows where month > 1\nselect 1 as month"));
    }

    [Fact]
    public void A_header_may_keep_a_touched_ids_rows_outside_the_touched_orders_months_only_with_the_month_in_its_key()
    {
        var inMonths = SqlModelHeader.Parse("m", "-- key: master_account_id, month\n-- refresh by: master_account_id, month\n-- as_of moves: no row\nselect 1 as master_account_id, 2 as month");
        var onwards = SqlModelHeader.Parse("m", "-- key: master_account_id, month\n-- refresh by: master_account_id, month onwards\nselect 1 as master_account_id, 2 as month");
        var byId = SqlModelHeader.Parse("m", "-- key: master_account_id, month\n-- refresh by: master_account_id\nselect 1 as master_account_id, 2 as month");

        Assert.Equal(("master_account_id", SqlModelHeader.OrderMonthsIn), (inMonths.RefreshBy, inMonths.ByOrderMonths));
        Assert.Equal(("master_account_id", SqlModelHeader.OrderMonthsOnwards), (onwards.RefreshBy, onwards.ByOrderMonths));
        Assert.Null(byId.ByOrderMonths);
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: master_account_id\n-- refresh by: master_account_id, month\nselect 1 as master_account_id"));
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: master_account_id, month\n-- refresh by: master_account_id, month\n-- as_of moves: rows where month > 1\nselect 1 as master_account_id, 2 as month"));
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: master_account_id, month\n-- refresh by: region, month\nselect 1 as master_account_id, 2 as month"));
    }

    [Fact]
    public void A_header_says_which_rows_a_later_as_of_changes_only_beside_a_refresh_by_line()
    {
        var none = SqlModelHeader.Parse("m", "-- key: order_id\n-- refresh by: order_id\n-- as_of moves: no row\nselect 1 as order_id");
        var open = SqlModelHeader.Parse("m", "-- key: order_id\n-- refresh by: order_id\n-- as_of moves: rows where status = 'open'\nselect 1 as order_id");

        Assert.Equal("false", none.AsOfMoves);
        Assert.Equal("status = 'open'", open.AsOfMoves);
        Assert.Null(SqlModelHeader.Parse("m", "-- key: order_id\n-- refresh by: order_id\nselect 1 as order_id").AsOfMoves);
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: order_id\n-- as_of moves: no row\nselect 1 as order_id"));
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: order_id\n-- refresh by: order_id\n-- as_of moves: some rows\nselect 1 as order_id"));

        var ids = SqlModelHeader.Parse("m", "-- key: order_id\n-- refresh by: order_id\n-- as_of moves: ids from select order_id from t\nselect 1 as order_id");
        Assert.Equal(("select order_id from t", null), (ids.AsOfMovesIds, ids.AsOfMoves));

        // A long query goes on over the lines after it, each indented four spaces past the "--"; an indented line after
        // any other declaration stays prose, and the query ends at the first line that is not so indented.
        var continued = SqlModelHeader.Parse("m",
            "-- key: order_id\n-- as_of moves: ids from\n--     select order_id from t\n--         where day > 1\n-- refresh by: order_id\n--     (prose)\nselect 1 as order_id");
        Assert.Equal(("select order_id from t where day > 1", "order_id"), (continued.AsOfMovesIds, continued.RefreshBy));
        var twoLines = SqlModelHeader.Parse("m", "-- key: order_id\n-- refresh by: order_id\n-- as_of moves: ids from select order_id\n--     from t\n-- Prose.\n--     more prose\nselect 1 as order_id");
        Assert.Equal("select order_id from t", twoLines.AsOfMovesIds);
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: order_id\n-- as_of moves: ids from select 1\nselect 1 as order_id"));
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: order_id\n-- refresh by: order_id\n-- as_of moves: no row\n-- as_of moves: ids from select 1\nselect 1 as order_id"));
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: month\n-- refresh by: month\n-- as_of moves: ids from select 1\nselect 1 as month"));
    }

    [Fact]
    public void A_header_may_say_a_later_as_of_changes_only_the_months_from_the_earlier_as_ofs_on_and_which_go()
    {
        var whole = SqlModelHeader.Parse("m", "-- key: contract_id, month\n-- as_of moves: months onwards\nselect 1 as contract_id, 2 as month");
        var history = SqlModelHeader.Parse("m",
            "-- key: master_account_id, month\n-- refresh by: master_account_id, month onwards\n-- as_of moves: months onwards, kept from\n--     select min(month)\n--         from t\n-- Prose.\nselect 1 as master_account_id, 2 as month");

        Assert.Equal((true, null, null, false), (whole.AsOfMovesMonths, whole.AsOfMonthsKeptFrom, whole.RefreshBy, whole.SaysAsOfMoves));
        Assert.Equal((true, "select min(month) from t", SqlModelHeader.OrderMonthsOnwards, (string?)null), (history.AsOfMovesMonths, history.AsOfMonthsKeptFrom, history.ByOrderMonths, history.AsOfMoves));
        Assert.False(SqlModelHeader.Parse("m", "-- key: contract_id, month\nselect 1 as contract_id, 2 as month").AsOfMovesMonths);
        // month must be in the key; a model refreshed by month has its own path; a kept from needs its query; one line only
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: contract_id\n-- as_of moves: months onwards\nselect 1 as contract_id"));
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: month\n-- refresh by: month\n-- as_of moves: months onwards\nselect 1 as month"));
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: contract_id, month\n-- as_of moves: months onwards, kept from\nselect 1 as contract_id, 2 as month"));
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: contract_id, month\n-- as_of moves: months onwards, from select 1\nselect 1 as contract_id, 2 as month"));
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: contract_id, month\n-- as_of moves: months\nselect 1 as contract_id, 2 as month"));
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: contract_id, month\n-- refresh by: contract_id\n-- as_of moves: no row\n-- as_of moves: months onwards\nselect 1 as contract_id, 2 as month"));
    }

    private string Write(string name, string content) => _files.Write(name, content);

    /// <summary>The first and last month of the refreshed account history, and how many months it holds.</summary>
    private (DateTime First, DateTime Last, long Count) HistoryMonths() =>
        _incremental.Rows("select min(month)::timestamp, max(month)::timestamp, count(distinct month) from marts.account_months",
            r => (r.GetDateTime(0), r.GetDateTime(1), r.GetInt64(2))).Single();

    private static (MartRebuild Rebuild, long Ids) Timing(MartRefresh refresh, string mart) =>
        refresh.Timings.Where(t => t.Mart == mart).Select(t => (t.Rebuild, t.Ids)).Single();

    /// <summary>Loads the same file into both warehouses and refreshes both, each its own way; then compares.</summary>
    private MartRefresh Load(string step, string path)
    {
        foreach (var warehouse in new[] { _incremental, _full })
        {
            var reports = new FileLoader(warehouse.Database).LoadAll([path], new LoadOptions()).ToList();
            Assert.All(reports, r => Assert.NotEqual(LoadStatus.Failed, r.Status));
        }

        return Refresh(step);
    }

    private MartRefresh Refresh(string step, params (string Key, string Value)[] settings)
    {
        _full.RefreshMarts(settings);
        MartRefresh refresh;
        using (var connection = _incremental.Connect())
        {
            foreach (var (key, value) in settings)
            {
                MartSettings.Set(connection, key, value);
            }

            refresh = new MartBuilder(connection).RefreshChanged();
        }

        // A model that does not say what its rows are refreshed by is never refreshed by rows: a new mart is safe unasked.
        Assert.All(refresh.Timings.Where(t => t.Rebuild == MartRebuild.Rows), t => Assert.NotNull(Models[t.Mart].Header.RefreshBy));
        Assert.All(refresh.Timings.Where(t => t.Rebuild == MartRebuild.Months), t => Assert.True(Models[t.Mart].Header.AsOfMovesMonths));
        AssertSameMarts(step);
        return refresh;
    }

    private void AssertSameMarts(string step)
    {
        var folder = _files.File("full-" + step.Replace(' ', '-'));
        Directory.CreateDirectory(folder);
        using (var full = _full.Connect())
        {
            foreach (var name in Models.Keys)
            {
                full.Execute($"copy marts.{name} to '{Path.Combine(folder, name)}.parquet' (format parquet)");
            }
        }

        using var incremental = _incremental.Connect();
        var differences = new List<string>();
        foreach (var name in Models.Keys)
        {
            var expected = $"read_parquet('{Path.Combine(folder, name)}.parquet')";
            differences.AddRange(incremental.Rows($"select * from (select * from {expected} except all select * from marts.{name}) limit 3", Text).Select(r => $"{name} lacks   {r}"));
            differences.AddRange(incremental.Rows($"select * from (select * from marts.{name} except all select * from {expected}) limit 3", Text).Select(r => $"{name} also has {r}"));
        }

        Assert.True(differences.Count == 0, $"after {step}, the refreshed marts differ from a full build:\n{string.Join('\n', differences)}");
    }

    private static string Text(System.Data.Common.DbDataReader r) =>
        string.Join(", ", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)));

    /// <summary>The demo's ids the hand-written files name: three accounts with orders, a contract, products, an order and a ticket to replace.</summary>
    private sealed record Book(DateOnly AsOf, string A1, string A2, string A3, string Contract, string P1, string P2, string OldOrder, DateOnly OldOrderDate, string OldTicket)
    {
        public static Book Of(TestWarehouse warehouse)
        {
            var accounts = warehouse.Rows("select distinct account_id from core.orders order by 1 limit 3", r => r.GetString(0));
            var products = warehouse.Rows("select product_id from core.products order by 1 limit 2", r => r.GetString(0));
            var old = warehouse.Rows($"select order_id, order_date from core.orders where account_id = '{accounts[0]}' order by order_date limit 1",
                r => (r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)))).Single();
            return new Book(
                warehouse.Rows("select as_of_date from marts.as_of", r => DateOnly.FromDateTime(r.GetDateTime(0))).Single(),
                accounts[0], accounts[1], accounts[2],
                warehouse.Scalar<string>($"select contract_id from core.contracts where account_id = '{accounts[0]}' order by 1 limit 1")
                    ?? warehouse.Scalar<string>("select contract_id from core.contracts order by 1 limit 1"),
                products[0], products[1],
                old.Item1, old.Item2,
                warehouse.Scalar<string>("select ticket_id from core.tickets order by 1 limit 1"));
        }
    }
}
