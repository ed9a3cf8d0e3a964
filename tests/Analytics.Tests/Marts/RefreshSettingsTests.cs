using Analytics.Tests.Support;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;
using DuckDB.NET.Data;

namespace Analytics.Tests.Marts;

/// <summary>
/// The settings a refresh runs under: the cap on its temporary files (a runaway model stops with a sentence naming it,
/// long before the disk is full), a core left to readers, no FSST compression while it writes; each put back after it.
/// </summary>
public sealed class RefreshSettingsTests
{
    private const long GiB = 1L << 30;

    [Theory]
    [InlineData(1 * GiB, 100 * GiB, 8 * GiB)] // 4 GiB is under the floor
    [InlineData(3 * GiB, 100 * GiB, 12 * GiB)] // 4 times the file
    [InlineData(3 * GiB, 10 * GiB, 5 * GiB)] // half the free space
    [InlineData(0, 4 * GiB, 2 * GiB)] // the floor, but half the free space comes first
    public void The_cap_is_four_times_the_file_at_least_8_GiB_at_most_half_the_free_space(long file, long free, long cap) =>
        Assert.Equal(cap, RefreshSettings.TempCap(file, free));

    [Fact]
    public void The_cap_holds_for_the_refresh_and_is_put_back_after_it()
    {
        using var warehouse = new TestWarehouse();
        using var connection = warehouse.Connect();
        var before = Setting(connection);
        using (var limits = RefreshSettings.Apply(connection))
        {
            Assert.NotEqual(before, Setting(connection));
            // the free space moves with the neighbours' files: within 256 MiB of the rule's figure
            var cap = RefreshSettings.TempCap(new FileInfo(warehouse.Database.FilePath).Length, new DriveInfo(warehouse.Folder.Path).AvailableFreeSpace);
            Assert.InRange(limits.TempBytes, cap - (256L << 20), cap + (256L << 20));
        }

        Assert.Equal(before, Setting(connection));
    }

    [Fact]
    public void With_readers_the_refresh_leaves_them_a_core_and_gives_it_back()
    {
        using var warehouse = new TestWarehouse();
        using var connection = warehouse.Connect();
        connection.Execute("set threads = 4");
        using (RefreshSettings.Apply(connection, RefreshReaders.LeftACore))
        {
            Assert.Equal(3L, connection.Scalar<long>("select current_setting('threads')"));
        }

        Assert.Equal(4L, connection.Scalar<long>("select current_setting('threads')"));
        using (RefreshSettings.Apply(connection))
        {
            Assert.Equal(4L, connection.Scalar<long>("select current_setting('threads')"));
        }

        connection.Execute("set threads = 1");
        using (RefreshSettings.Apply(connection, RefreshReaders.LeftACore))
        {
            Assert.Equal(1L, connection.Scalar<long>("select current_setting('threads')"));
        }
    }

    [Fact]
    public void No_fsst_while_the_refresh_writes_and_the_setting_before_it_is_put_back()
    {
        using var warehouse = new TestWarehouse();
        using var connection = warehouse.Connect();
        var before = Compression(connection);
        using (RefreshSettings.Apply(connection))
        {
            Assert.Equal(Methods(RefreshSettings.DisabledCompression), Methods(Compression(connection)));
            Assert.Contains("fsst", Methods(Compression(connection)));
        }

        Assert.Equal(before, Compression(connection));
        connection.Execute("set disabled_compression_methods = 'chimp'");
        using (RefreshSettings.Apply(connection))
        {
            Assert.Equal(Methods(RefreshSettings.DisabledCompression), Methods(Compression(connection)));
        }

        Assert.Equal("chimp", Compression(connection), ignoreCase: true);
    }

    [Fact]
    public void Readers_first_the_workers_take_turns_between_the_refresh_and_the_readers_and_the_setting_is_put_back()
    {
        using var warehouse = new TestWarehouse();
        using var connection = warehouse.Connect();
        using (RefreshSettings.Apply(connection, RefreshReaders.First))
        {
            Assert.True(Partial(connection));
        }

        Assert.False(Partial(connection));
        using (RefreshSettings.Apply(connection))
        {
            Assert.False(Partial(connection));
        }

        connection.Execute("set scheduler_process_partial = true");
        using (RefreshSettings.Apply(connection))
        {
            Assert.True(Partial(connection));
        }

        Assert.True(Partial(connection));
    }

    [Fact]
    public void A_model_that_outgrows_the_cap_fails_with_a_sentence_that_names_it()
    {
        using var warehouse = new TestWarehouse();
        using var connection = warehouse.Connect();
        using var limits = RefreshSettings.Apply(connection);
        // DuckDB's own error, from a sort that must spill more than a 1 MB cap allows.
        connection.Execute($"set temp_directory = {SqlExtensions.Literal(warehouse.Folder.File("spill"))}; set memory_limit = '32MB'; set max_temp_directory_size = '1MB'");
        var duckDb = Assert.Throws<DuckDBException>(() => connection.Execute("create temp table spilled as select range as n, md5(range::varchar) as h from range(3000000) order by h"));
        connection.Execute("reset memory_limit");

        var error = Assert.IsType<WarehouseException>(limits.Explain(duckDb, "order_margin"));

        Assert.StartsWith("The refresh stopped at the mart order_margin: it needed more than the memory and the ", error.Message, StringComparison.Ordinal);
        Assert.Contains("DuckDB said: Out of Memory Error", error.Message, StringComparison.Ordinal);
        Assert.Same(duckDb, error.InnerException);
    }

    [Fact]
    public void Any_other_failure_is_passed_on_as_it_was()
    {
        using var warehouse = new TestWarehouse();
        using var connection = warehouse.Connect();
        using var limits = RefreshSettings.Apply(connection);
        var duckDb = Assert.Throws<DuckDBException>(() => connection.Execute("select error('churn.definition must be inactivity, contract or label, not x')"));

        Assert.Same(duckDb, limits.Explain(duckDb, "account_churn"));
    }

    // DuckDB reads the list back in its own spelling and order ("Dictionary,FSST").
    private static List<string> Methods(string list) => [.. list.Split(',', StringSplitOptions.TrimEntries).Select(m => m.ToLowerInvariant()).Order(StringComparer.Ordinal)];

    private static string Compression(DuckDBConnection connection) =>
        connection.Scalar<string>("select current_setting('disabled_compression_methods')");

    private static bool Partial(DuckDBConnection connection) =>
        connection.Scalar<bool>("select current_setting('scheduler_process_partial')");

    private static string Setting(DuckDBConnection connection) =>
        connection.Scalar<string>("select current_setting('max_temp_directory_size')");
}
