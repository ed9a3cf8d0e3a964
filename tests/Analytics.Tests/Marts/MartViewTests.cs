using System.Globalization;
using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Ingest.Loading;
using Analytics.Tests.Support;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Marts;

/// <summary>
/// Marts whose header says <c>-- materialized: view</c> are views, every other mart a table, after any refresh; and a
/// warehouse an older release built, where a mart now a view was a table (or a table a view), is rebuilt to the
/// kinds and rows this release gives, as an upgrade meets it. A full refresh builds them aside (MartStaging) and
/// leaves nothing aside after it.
/// </summary>
public sealed class MartViewTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();
    private readonly TempFolder _files = new();

    public void Dispose()
    {
        _warehouse.Dispose();
        _files.Dispose();
    }

    [Fact]
    public void After_a_refresh_every_mart_the_build_lists_is_a_table_or_a_view_as_its_header_says()
    {
        LoadDemo();
        _warehouse.RefreshMarts();

        var kinds = Kinds();
        Assert.All(MartBuilder.Models(), m => Assert.Equal(m.Header.IsView ? "VIEW" : "BASE TABLE", kinds.GetValueOrDefault(m.Name)));
        // The marts this change made views, so the assertion above is not met by tables alone.
        Assert.Equal(["order_lines", "order_margin", "ticket_service_windows"], MartBuilder.Models().Where(m => m.Header.IsView).Select(m => m.Name).Order());
        // A view's rows are computed, not written: the refresh reports none.
        using var connection = _warehouse.Connect();
        var timings = new MartBuilder(connection).Refresh();
        Assert.All(timings.Where(t => t.Rebuild == MartRebuild.View), t => Assert.Equal(0, t.Rows));
        Assert.Equal(3, timings.Count(t => t.Rebuild == MartRebuild.View));
    }

    [Fact]
    public void Ticket_sla_computes_the_same_windows_as_the_ticket_service_windows_view()
    {
        // ticket_sla carries its own copy of the windows' SQL (reading the view, it would join core.tickets again):
        // the two must not drift apart. The demo has tickets under contracts and without, all in one zone: half its
        // contracts are moved to New York, so windows of two zones (one with daylight saving) are compared.
        LoadDemo();
        using (var connection = _warehouse.Connect())
        {
            connection.Execute("update core.contracts set time_zone = 'America/New_York' where hash(contract_id) % 2 = 0");
        }

        _warehouse.RefreshMarts();

        const string windows = """
            select ticket_id, contract_id, time_zone, holiday_calendar, service_start, service_end, response_hours,
                onsite_hours, date_trunc('month', opened_local)::date as month
            from marts.ticket_service_windows
            """;
        const string sla = """
            select ticket_id, contract_id, time_zone, holiday_calendar, service_start, service_end, response_hours,
                onsite_hours, month
            from marts.ticket_sla
            """;
        Assert.True(_warehouse.Scalar<long>("select count(*) from marts.ticket_sla") > 0);
        Assert.Equal(0, _warehouse.Scalar<long>($"select count(*) from (({windows}) except all ({sla}))"));
        Assert.Equal(0, _warehouse.Scalar<long>($"select count(*) from (({sla}) except all ({windows}))"));
        Assert.Equal(2, _warehouse.Scalar<long>("select count(distinct time_zone) from marts.ticket_sla"));
    }

    [Fact]
    public void A_warehouse_an_older_release_built_with_the_views_as_tables_is_rebuilt_with_views_and_the_same_rows()
    {
        LoadDemo();
        _warehouse.RefreshMarts();
        var expected = Dump();
        using (var connection = _warehouse.Connect())
        {
            // As the release before left it: every view mart a table of its rows, and a table mart (orders) a view,
            // built from SQL other than this release's (its fingerprint).
            foreach (var view in MartBuilder.Models().Where(m => m.Header.IsView))
            {
                connection.Execute($"create temp table older as select * from marts.{view.Name}");
                connection.Execute($"drop view marts.{view.Name}");
                connection.Execute($"create table marts.{view.Name} as select * from older");
                connection.Execute("drop table older");
            }

            connection.Execute("create table marts.orders_older as select * from marts.orders");
            connection.Execute("drop table marts.orders");
            connection.Execute("create view marts.orders as select * from marts.orders_older");
            Assert.Equal("a mart has no table yet", new MartBuilder(connection).WhyNotCurrent());
            connection.Execute("update meta.marts_inputs set fingerprint = 'an older release'");
            connection.Execute("drop table marts.orders_older");

            var refresh = new MartBuilder(connection).RefreshChanged();

            Assert.True(refresh.Full);
            Assert.Null(new MartBuilder(connection).WhyNotCurrent());
        }

        var kinds = Kinds();
        Assert.All(MartBuilder.Models(), m => Assert.Equal(m.Header.IsView ? "VIEW" : "BASE TABLE", kinds.GetValueOrDefault(m.Name)));
        Assert.Equal(expected, Dump());
    }

    [Fact]
    public void A_full_refresh_builds_aside_swaps_in_the_same_rows_and_drops_what_a_stopped_refresh_left_aside()
    {
        LoadDemo();
        _warehouse.RefreshMarts();
        var expected = Dump();
        using (var connection = _warehouse.Connect())
        {
            // As a refresh stopped in the middle (the process killed) leaves its staged marts, of both kinds.
            connection.Execute("create table marts.orders__next as select 1 as x");
            connection.Execute("create view marts.order_lines__next as select 2 as y");

            new MartBuilder(connection).Refresh();

            Assert.Null(new MartBuilder(connection).WhyNotCurrent());
        }

        Assert.DoesNotContain(Kinds().Keys, name => name.EndsWith("__next", StringComparison.Ordinal));
        Assert.Equal(expected, Dump());
    }

    [Fact]
    public void The_header_says_view_or_table_once()
    {
        Assert.True(SqlModelHeader.Parse("m", "-- key: order_id\n-- materialized: view\nselect 1 as order_id").IsView);
        Assert.False(SqlModelHeader.Parse("m", "-- key: order_id\n-- materialized: table\nselect 1 as order_id").IsView);
        Assert.False(SqlModelHeader.Parse("m", "-- key: order_id\nselect 1 as order_id").IsView);
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: order_id\n-- materialized: views\nselect 1 as order_id"));
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", "-- key: order_id\n-- materialized: view\n-- materialized: view\nselect 1 as order_id"));
    }

    private void LoadDemo()
    {
        var demo = _files.File("demo");
        DemoCompany.Write(demo, new DemoOptions(new DateOnly(2026, 1, 15), Accounts: 20, Years: 1, Seed: 5));
        Assert.All(new FileLoader(_warehouse.Database).LoadAll([demo], new LoadOptions()), r => Assert.NotEqual(LoadStatus.Failed, r.Status));
    }

    private Dictionary<string, string> Kinds() =>
        _warehouse.Rows("select table_name, table_type from information_schema.tables where table_schema = 'marts'", r => (r.GetString(0), r.GetString(1)))
            .ToDictionary(k => k.Item1, k => k.Item2);

    /// <summary>Every mart's rows as text, sorted: rows that must not change, whichever kind holds them.</summary>
    private Dictionary<string, string> Dump() => MartBuilder.Models().ToDictionary(m => m.Name, m => string.Join('\n', _warehouse.Rows(
        $"select * from marts.{m.Name} order by all",
        r => string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))))));
}
