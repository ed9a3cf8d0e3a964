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
/// tickets, a payment known only once as_of moves on, a day and a month that move as_of, a person's duplicate decision,
/// a setting and a new account.
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

        // A day after the last one moves as_of: the invoices still unpaid are judged again (N2's payment is known now,
        // though this file does not name it); the service calendar spans whole years, so the SLA clocks keep theirs.
        var moved = Load("next day", Write("orders_next.csv", $"""
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            N7,{book.A2},{nextDay},phone,,99.00,{nextDay},,
            """));
        Assert.False(moved.Full);
        Assert.NotEqual("open", _incremental.Scalar<string>("select status from marts.invoice_payments where order_id = 'N2'"));
        Assert.Contains(moved.Timings, t => t is { Mart: "account_months", Rebuild: MartRebuild.Whole });
        Assert.Contains(moved.Timings, t => t is { Mart: "invoice_payments", Rebuild: MartRebuild.Rows });
        // Its aged rows lie beyond the touched accounts: account_payments, which reads them, is rebuilt whole.
        Assert.Contains(moved.Timings, t => t is { Mart: "account_payments", Rebuild: MartRebuild.Whole });
        Assert.Contains(moved.Timings, t => t is { Mart: "account_order_months", Rebuild: MartRebuild.Rows });
        Assert.Contains(moved.Timings, t => t is { Mart: "ticket_sla", Rebuild: MartRebuild.Unchanged });
        // A later as_of bounds no order a load has not written: the revenue by account and month rebuilds N7's month alone.
        Assert.Equal((MartRebuild.Rows, 1L), Timing(moved, "account_revenue_by_month"));
        // account_months is rebuilt whole, but only the rows of its last months changed (two here, of the history's 24):
        // the segment history rebuilds those months.
        Assert.Equal((MartRebuild.Rows, 2L), moved.Timings.Where(t => t.Mart == "account_segment_history").Select(t => (t.Rebuild, t.Ids)).Single());

        // Into the next month: every window moves on a month, and the unpaid invoices age.
        var nextMonth = new DateOnly(book.AsOf.Year, book.AsOf.Month, 1).AddMonths(1).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var month = Load("next month", Write("orders_next_month.csv", $"""
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            N9,{book.A3},{nextMonth},phone,,45.00,{nextMonth},,
            """));
        Assert.False(month.Full);

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

    private string Write(string name, string content) => _files.Write(name, content);

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
