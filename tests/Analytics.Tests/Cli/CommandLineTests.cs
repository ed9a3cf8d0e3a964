using Analytics.Tests.Support;

namespace Analytics.Tests.Cli;

/// <summary>The analytics command as shared/CONTRACT.md fixes it: exit codes, one-sentence errors, --help everywhere.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<AnalyticsProcess.Result> Run(params string[] args) => AnalyticsProcess.RunAsync(_folder.Path, args);

    [Theory]
    [InlineData("serve")]
    [InlineData("demo")]
    [InlineData("load")]
    [InlineData("refresh")]
    [InlineData("query")]
    [InlineData("settings")]
    public async Task Every_verb_answers_help_with_its_usage(string verb)
    {
        var result = await Run(verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"usage: analytics {verb}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--db FILE", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_verb_is_bad_usage()
    {
        var result = await Run("frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("There is no verb 'frobnicate'; run 'analytics --help' for the list.", result.Stderr.Trim());
    }

    [Fact]
    public async Task An_unknown_option_is_bad_usage()
    {
        var result = await Run("load", "x.csv", "--colour", "red");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("'load' has no option --colour; see 'analytics load --help'.", result.Stderr.Trim());
    }

    [Fact]
    public async Task Loading_a_missing_file_is_bad_input()
    {
        var result = await Run("load", "nowhere.csv", "--db", "w.duckdb");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("There is no file or folder nowhere.csv.", result.Stderr.Trim());
    }

    [Fact]
    public async Task A_file_that_fails_makes_load_exit_2_with_its_reason()
    {
        _folder.Write("orders.csv", "order_id\nO1\n");

        var result = await Run("load", "orders.csv", "--db", "w.duckdb");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("orders.csv: The file has no column 'account_id', which every orders row needs.", result.Stderr.Trim());
    }

    [Fact]
    public async Task Load_json_prints_one_object_per_file_with_the_contract_fields()
    {
        _folder.Write("in/accounts.csv", "account_id,name\nA1,甲方\nA2,\n");
        _folder.Write("in/products.csv", "product_id,name\nP1,服务器\n");

        var result = await Run("load", "in", "--db", "w.duckdb", "--json");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        using var first = System.Text.Json.JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal("accounts.csv", root.GetProperty("file").GetString());
        Assert.Equal("accounts", root.GetProperty("entity").GetString());
        Assert.Equal(64, root.GetProperty("sha256").GetString()!.Length);
        Assert.Equal("loaded", root.GetProperty("status").GetString());
        Assert.Equal(2, root.GetProperty("rows_read").GetInt64());
        Assert.Equal(1, root.GetProperty("rows_loaded").GetInt64());
        Assert.Equal(1, root.GetProperty("rows_rejected").GetInt64());
        Assert.Equal(0, root.GetProperty("rows_pending").GetInt64());
        Assert.Equal(1, root.GetProperty("batch_id").GetInt64());
        Assert.Equal("missing name", root.GetProperty("rejects")[0].GetProperty("reason").GetString());
        Assert.Equal(3, root.GetProperty("rejects")[0].GetProperty("line").GetInt64());
    }

    [Fact]
    public async Task Query_prints_csv_or_json_and_cannot_change_the_warehouse()
    {
        _folder.Write("accounts.csv", "account_id,name\nA1,\"甲方, 上海\"\n");
        Assert.Equal(0, (await Run("load", "accounts.csv", "--db", "w.duckdb")).ExitCode);

        var csv = await Run("query", "select account_id, name from core.accounts", "--db", "w.duckdb");
        var json = await Run("query", "select account_id, name, 1.50::decimal(18,2) as amount from core.accounts", "--db", "w.duckdb", "--format", "json");
        var delete = await Run("query", "delete from core.accounts", "--db", "w.duckdb");
        var readFile = await Run("query", "select * from read_csv('accounts.csv')", "--db", "w.duckdb");

        Assert.Equal("account_id,name\nA1,\"甲方, 上海\"", csv.Stdout.Trim());
        Assert.Equal("""[{"account_id":"A1","name":"甲方, 上海","amount":1.50}]""", json.Stdout.Trim());
        Assert.Equal(2, delete.ExitCode);
        Assert.Contains("read-only", delete.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, readFile.ExitCode);
        Assert.Equal("1", (await Run("query", "select count(*) as n from core.accounts", "--db", "w.duckdb")).Stdout.Trim().Split('\n')[1]);
    }

    [Fact]
    public async Task Query_on_a_missing_warehouse_says_so()
    {
        var result = await Run("query", "select 1", "--db", "none.duckdb");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("There is no warehouse at none.duckdb; load data first.", result.Stderr.Trim());
    }

    [Fact]
    public async Task A_verb_needing_the_warehouse_while_another_process_holds_it_says_so_and_exits_1()
    {
        using var holder = Analytics.Warehouse.WarehouseDatabase.Open(_folder.File("w.duckdb"));

        var result = await Run("refresh", "--db", "w.duckdb");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^The warehouse w\.duckdb is held by another process \(process \d+\), probably 'analytics serve': drop files into its inbox folder or stop it first\.$", result.Stderr.Trim());
    }

    [Fact]
    public async Task Serve_while_another_process_holds_the_warehouse_says_so_in_one_sentence_and_exits_1()
    {
        using var holder = Analytics.Warehouse.WarehouseDatabase.Open(_folder.File("w.duckdb"));

        var result = await Run("serve", "--db", "w.duckdb", "--urls", "http://127.0.0.1:0", "--Analytics:DemoOnFirstRun=false", "--Analytics:TrainOnFirstRun=false");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^The warehouse w\.duckdb is held by another process \(process \d+\), probably 'analytics serve': drop files into its inbox folder or stop it first\.$", result.Stderr.Trim());
        Assert.DoesNotContain("Hosting failed", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_builds_the_marts_and_reports_them()
    {
        var result = await Run("refresh", "--db", "w.duckdb");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("marts.orders: 0 rows", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_lists_sets_and_resets_a_value_that_survives_a_reopen()
    {
        var set = await Run("settings", "as_of_date", "2025-06-30", "--db", "w.duckdb");
        var listed = await Run("settings", "--db", "w.duckdb");
        var reset = await Run("settings", "as_of_date", "", "--db", "w.duckdb");
        var unknown = await Run("settings", "colour", "red", "--db", "w.duckdb");

        Assert.Equal(0, set.ExitCode);
        Assert.StartsWith("as_of_date = 2025-06-30  (set)", set.Stdout, StringComparison.Ordinal);
        Assert.Contains("as_of_date = 2025-06-30  (set)", listed.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("as_of_date = (empty)\n", reset.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("There is no setting 'colour'; 'analytics settings' lists them.", unknown.Stderr.Trim());
    }
}
