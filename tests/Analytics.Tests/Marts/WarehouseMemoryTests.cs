using Analytics.ReportApi;
using Analytics.ReportApi.OData;
using Analytics.Tests.Support;
using Analytics.Warehouse;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Analytics.Tests.Marts;

/// <summary>
/// The memory DuckDB may use for the warehouse (Analytics:OData:DuckDbMemoryLimit), held from the moment the file
/// opens, and the memory it keeps for reuse, an eighth of that limit (a tenth of the machine's under DuckDB's default).
/// Sizes are compared as DuckDB reports them (e.g. "476.8 MiB").
/// </summary>
public sealed class WarehouseMemoryTests : IDisposable
{
    private const string Setting = ODataLimits.MemoryLimitSetting;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Opened_with_500MB_DuckDB_holds_to_500_MB_and_keeps_an_eighth_of_it()
    {
        using var database = WarehouseDatabase.Open(_folder.File("w.duckdb"), memoryLimit: MemoryLimit.Parse(Setting, "500MB"));
        using var connection = database.Connect();

        Assert.Equal("476.8 MiB", Current(connection, "memory_limit")); // 500,000,000 bytes
        Assert.Equal("59.6 MiB", Current(connection, "block_allocator_memory")); // 62,500,000 bytes
    }

    [Fact]
    public void Opened_without_a_limit_the_database_keeps_a_tenth_of_the_machines_memory()
    {
        using var database = WarehouseDatabase.Open(_folder.File("w.duckdb"));
        using var connection = database.Connect();

        Assert.Equal(AsDuckDbSays("memory_limit", null), Current(connection, "memory_limit"));
        Assert.Equal(AsDuckDbSays("block_allocator_memory", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 10), Current(connection, "block_allocator_memory"));
        Assert.NotEqual("0 bytes", Current(connection, "block_allocator_memory"));
    }

    [Fact]
    public void A_limit_above_DuckDBs_default_keeps_no_more_than_the_default_does()
    {
        using var database = WarehouseDatabase.Open(_folder.File("w.duckdb"), memoryLimit: MemoryLimit.Parse(Setting, "1000TB"));
        using var connection = database.Connect();

        Assert.Equal("909.4 TiB", Current(connection, "memory_limit"));
        Assert.Equal(AsDuckDbSays("block_allocator_memory", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 10), Current(connection, "block_allocator_memory"));
    }

    [Theory]
    [InlineData("500MB", 500_000_000L)]
    [InlineData("8GB", 8_000_000_000L)]
    [InlineData("8gb", 8_000_000_000L)]
    [InlineData(" 2 GiB ", 2_147_483_648L)]
    [InlineData("512MiB", 536_870_912L)]
    [InlineData("1.5GB", 1_500_000_000L)]
    [InlineData(".5TB", 500_000_000_000L)]
    [InlineData("1G", 1_000_000_000L)]
    [InlineData("3 gigabytes", 3_000_000_000L)]
    [InlineData("64 mb", 64_000_000L)]
    [InlineData("1TiB", 1_099_511_627_776L)]
    [InlineData("100000000 bytes", 100_000_000L)]
    public void A_size_is_read_in_bytes_as_DuckDB_reads_it(string text, long bytes)
    {
        var limit = MemoryLimit.Parse(Setting, text)!;

        Assert.Equal(bytes, limit.Bytes);
        Assert.Equal(AsDuckDbSays("memory_limit", text), AsDuckDbSays("memory_limit", $"{bytes}B"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void An_empty_limit_is_DuckDBs_default(string? text) => Assert.Null(MemoryLimit.Parse(Setting, text));

    [Theory]
    [InlineData("lots", "which is not a size")]
    [InlineData("-1GB", "which is not a size")] // DuckDB itself would take it as no limit at all
    [InlineData("1GB x", "which is not a size")] // DuckDB itself would ignore the x
    [InlineData("80%", "which is not a size")]
    [InlineData("1000", "which is not a size")]
    [InlineData("1e3MB", "which is not a size")]
    [InlineData("2PB", "which is not a size")]
    [InlineData("none", "which is not a size")]
    [InlineData("0GB", "no memory at all")]
    [InlineData("0.5B", "no memory at all")]
    [InlineData("99999999999TB", "more than any machine has")]
    public void A_bad_limit_is_refused_naming_the_setting_and_the_value(string text, string why)
    {
        var error = Assert.Throws<WarehouseException>(() => MemoryLimit.Parse(Setting, text));

        Assert.Equal(
            $"Analytics:OData:DuckDbMemoryLimit is '{text}', {why}: give a number and a unit, e.g. 2GB or 512MiB (KB, MB, GB, TB count in 1000s; KiB, MiB, GiB, TiB in 1024s), or leave it empty for DuckDB's default, 80% of the memory.",
            error.Message);
    }

    [Fact]
    public void A_limit_too_small_to_open_the_warehouse_in_says_so_and_leaves_the_file_free()
    {
        var path = _folder.File("w.duckdb");

        var error = Assert.Throws<WarehouseException>(() => WarehouseDatabase.Open(path, memoryLimit: MemoryLimit.Parse(Setting, "64KB")));

        Assert.StartsWith($"The warehouse {path} cannot even open within Analytics:OData:DuckDbMemoryLimit = 64KB: give DuckDB more. DuckDB said: Out of Memory Error: ", error.Message, StringComparison.Ordinal);
        using var reopened = WarehouseDatabase.Open(path);
        Assert.Equal(0L, reopened.LoadedFiles());
    }

    [Fact]
    public async Task The_service_holds_to_its_configured_limit_from_the_start_before_any_OData_request()
    {
        await using var service = new ServiceOpeningItsOwnWarehouse(_folder.File("w.duckdb"), "1GB");

        // No request at all: the service has only started (its keys, its start-up refresh).
        using var connection = service.Services.GetRequiredService<WarehouseDatabase>().Connect();

        Assert.Equal("953.6 MiB", Current(connection, "memory_limit")); // 1,000,000,000 bytes
        Assert.Equal("119.2 MiB", Current(connection, "block_allocator_memory")); // 125,000,000 bytes
    }

    [Fact]
    public async Task A_service_given_a_bad_limit_stops_at_start_with_the_sentence_and_exit_2()
    {
        var result = await AnalyticsProcess.RunAsync(_folder.Path, "serve", "--db", "w.duckdb", "--urls", "http://127.0.0.1:0",
            "--Analytics:DemoOnFirstRun=false", "--Analytics:TrainOnFirstRun=false", "--Analytics:OData:DuckDbMemoryLimit=-1GB");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "Analytics:OData:DuckDbMemoryLimit is '-1GB', which is not a size: give a number and a unit, e.g. 2GB or 512MiB (KB, MB, GB, TB count in 1000s; KiB, MiB, GiB, TiB in 1024s), or leave it empty for DuckDB's default, 80% of the memory.",
            result.Stderr.Trim());
        Assert.DoesNotContain("Hosting failed", result.Stdout, StringComparison.Ordinal);
    }

    private static string Current(DuckDBConnection connection, string setting) =>
        connection.Scalar<string>($"select current_setting('{setting}')");

    /// <summary>How a fresh DuckDB database reports <paramref name="setting"/> once told <paramref name="value"/> (null: its default).</summary>
    private static string AsDuckDbSays(string setting, object? value)
    {
        using var memory = new DuckDBConnection("Data Source=:memory:");
        memory.Open();
        if (value is not null)
        {
            memory.Execute($"set {setting} = '{(value is long bytes ? $"{bytes}B" : value)}'");
        }

        return Current(memory, setting);
    }

    /// <summary>The service as 'analytics serve' runs it, opening its warehouse itself (AnalyticsFactory hands it the test's own).</summary>
    private sealed class ServiceOpeningItsOwnWarehouse(string warehousePath, string memoryLimit) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Production);
            foreach (var (key, value) in AnalyticsFactory.Settings(warehousePath))
            {
                builder.UseSetting($"{AnalyticsSettings.Section}:{key}", value);
            }

            builder.UseSetting(Setting, memoryLimit);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
