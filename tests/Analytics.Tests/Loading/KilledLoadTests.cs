using System.Globalization;
using Analytics.Tests.Support;

namespace Analytics.Tests.Loading;

/// <summary>A load killed for real, in a separate process, half way through writing.</summary>
public sealed class KilledLoadTests : IDisposable
{
    private const int Orders = 3_000_000;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Database => _folder.File("warehouse.duckdb");

    private async Task<string> Query(string sql)
    {
        var result = await AnalyticsProcess.RunAsync(_folder.Path, "query", sql, "--db", Database);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout.Trim();
    }

    private void WriteFiles()
    {
        using (var accounts = new StreamWriter(_folder.File("accounts.csv")))
        {
            accounts.WriteLine("account_id,name,region");
            for (var i = 0; i < 1000; i++)
            {
                accounts.WriteLine(string.Create(CultureInfo.InvariantCulture, $"A{i},客户{i}有限公司,华东"));
            }
        }

        using var orders = new StreamWriter(_folder.File("orders.csv"), false, System.Text.Encoding.UTF8, 1 << 20);
        orders.WriteLine("order_id,account_id,order_date,amount");
        for (var i = 0; i < Orders; i++)
        {
            orders.WriteLine(string.Create(CultureInfo.InvariantCulture, $"O{i},A{i % 1000},2025-{i % 12 + 1:00}-{i % 28 + 1:00},{i % 100000}.{i % 100:00}"));
        }
    }

    [Fact]
    public async Task A_load_killed_while_writing_leaves_the_warehouse_unchanged_and_loading_again_completes()
    {
        WriteFiles();
        Assert.Equal(0, (await AnalyticsProcess.RunAsync(_folder.Path, "load", "accounts.csv", "--db", Database)).ExitCode);
        const string state = "select (select count(*) from core.orders) || '/' || (select count(*) from meta.load_batches) || '/' || (select version from meta.data_version) || '/' || (select count(*) from staging.pending_rows) as s";
        var before = await Query(state);
        Assert.Equal("s\n0/1/1/0", before);

        using (var load = AnalyticsProcess.Start(_folder.Path, "load", "orders.csv", "--db", Database, "--progress"))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            string? line;
            while ((line = await load.StandardError.ReadLineAsync(timeout.Token)) is not null && !line.Contains(": writing ", StringComparison.Ordinal))
            {
            }

            Assert.NotNull(line);
            load.Kill(entireProcessTree: true);
            await load.WaitForExitAsync(timeout.Token);
            Assert.NotEqual(0, load.ExitCode);
        }

        Assert.Equal(before, await Query(state));

        var reload = await AnalyticsProcess.RunAsync(_folder.Path, "load", "orders.csv", "--db", Database, "--json");
        Assert.Equal(0, reload.ExitCode);
        Assert.Contains($"\"status\":\"loaded\",\"rows_read\":{Orders},\"rows_loaded\":{Orders},\"rows_rejected\":0", reload.Stdout, StringComparison.Ordinal);
        Assert.Equal($"s\n{Orders}/2/2/0", await Query(state));
    }
}
