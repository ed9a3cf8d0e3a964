using System.Net;
using System.Text.RegularExpressions;
using Analytics.ReportApi.Access;
using Analytics.Tests.Support;

namespace Analytics.Tests.Cli;

/// <summary>
/// load, refresh, settings, keys and query while 'analytics serve' holds the warehouse: the verbs run inside the service,
/// sent with the operator secret it wrote beside the warehouse (readable by its owner only), and print what they
/// print on a warehouse no service holds. Someone on the network without the secret is refused, API key or not.
/// </summary>
public sealed partial class OperatorThroughServiceTests
{
    private static readonly string[][] Session =
    [
        ["settings", "as_of_date", "2024-06-30"],
        ["load", "accounts.csv", "--json"],
        ["load", "orders.csv"],
        ["refresh"],
        ["settings", "as_of_date"],
        ["keys", "create", "--role", "analyst", "--regions", "华东", "--name", "East analyst"],
        ["keys", "list"],
        ["load", "missing.csv"],
        ["settings", "no_such_setting"],
        ["duplicates", "list", "--all"],
    ];

    [Fact]
    public async Task Each_verb_prints_the_same_through_the_service_as_on_the_file_and_strangers_are_refused()
    {
        var withService = await SameWithAndWithoutService(Session, async (served, port) =>
        {
            // The network without the secret: no key 401, an admin key 403, a wrong secret 401.
            var url = new Uri($"http://127.0.0.1:{port}/api/operator/refresh");
            var admin = (await AnalyticsProcess.RunAsync(served.Path, "keys", "create", "--role", "admin", "--db", "w.duckdb")).Stdout.Trim();
            using var http = new HttpClient();
            foreach (var (header, value, expected) in new[]
            {
                ((string?)null, (string?)null, HttpStatusCode.Unauthorized),
                ("Authorization", $"Bearer {admin}", HttpStatusCode.Forbidden),
                (OperatorSecret.HeaderName, new string('0', 64), HttpStatusCode.Unauthorized),
            })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("""{"args":[]}""", System.Text.Encoding.UTF8, "application/json") };
                if (header is not null)
                {
                    request.Headers.TryAddWithoutValidation(header, value);
                }

                using var response = await http.SendAsync(request);
                Assert.Equal(expected, response.StatusCode);
            }

            Assert.True(admin.StartsWith("ak_", StringComparison.Ordinal), admin);
        });

        // By hand: A3 has no name (rejected); O3's account A9 is not there (it waits); the key is the second one.
        Assert.Contains("\"rows_read\":3,\"rows_loaded\":2,\"rows_rejected\":1", withService[1], StringComparison.Ordinal);
        Assert.StartsWith("0|orders.csv: orders loaded 2 of 3 rows", withService[2], StringComparison.Ordinal);
        Assert.StartsWith("0|", withService[3], StringComparison.Ordinal);
        Assert.Contains("|Key 2 (analyst, regions 华东, \"East analyst\") created", withService[5], StringComparison.Ordinal);
        Assert.StartsWith("2||There is no file or folder missing.csv.", withService[7], StringComparison.Ordinal);
    }

    private const string NotWarehouse = "'query' reads only the warehouse's own tables and views";

    /// <summary>What an attacker with the operator's CLI tries, and the sentence (exit 2) that refuses it, before anything runs.</summary>
    private static readonly (string Sql, string Refusal)[] Attacks =
    [
        ("select * from read_csv('/etc/passwd')", $"{NotWarehouse}, not the table function read_csv()."),
        ("select * from '/etc/passwd'", $"{NotWarehouse}, and /etc/passwd is not one of them."),
        ("select 1 as n; select 2 as n", "'query' runs one SQL statement and this text holds 2; run them one at a time."),
        ("attach 'other.duckdb' as other", "'query' runs a read-only select, and this statement is not a select."),
        ("copy (select * from core.accounts) to 'out.csv'", "'query' runs a read-only select, and this statement is not a select."),
        ("install httpfs", "'query' runs a read-only select, and this statement is not a select."),
        ("load httpfs", "'query' runs a read-only select, and this statement is not a select."),
        ("set enable_external_access = true", "'query' runs a read-only select, and this statement is not a select."),
        ("pragma database_list", "'query' runs a read-only select, and this statement is not a select."),
        ("delete from core.accounts", "'query' runs a read-only select, and this statement is not a select."),
        ("select name from core.accounts where name in (select content from read_text('/etc/passwd'))", $"{NotWarehouse}, not the table function read_text()."),
        ("with f as (select * from glob('/etc/*')) select count(*) as n from f", $"{NotWarehouse}, not the table function glob()."),
        ("select * from core.accounts a join (select * from read_parquet('x.parquet')) p on true", $"{NotWarehouse}, not the table function read_parquet()."),
        ("select * from duckdb_secrets()", $"{NotWarehouse}, not the table function duckdb_secrets()."),
        ("select current_setting('home_directory') as h", "'query' reads only the warehouse, and current_setting() reads the service's settings."),
        ("select name, value from pg_catalog.pg_settings", $"{NotWarehouse}, and pg_catalog.pg_settings is not one of them."),
        ("select nextval('meta.batch_seq') as n", "'query' reads only the warehouse, and nextval() advances a sequence."),
        ("describe select * from read_csv('/etc/passwd')", "'query' runs a select on the warehouse's tables and views, not DESCRIBE, SHOW or SUMMARIZE."),
    ];

    [Fact]
    public async Task A_query_prints_the_same_through_the_service_and_every_attack_is_refused_with_a_sentence()
    {
        string[][] session =
        [
            ["load", "accounts.csv"],
            ["load", "orders.csv"],
            ["query", "select account_id, name, region from core.accounts order by account_id"],
            ["query", "with o as (select * from core.orders) select account_id, sum(amount)::decimal(18,2) as amount, list(order_id) as ids from o group by account_id order by account_id", "--format", "json"],
            ["query", "select count(*) as waiting from staging.pending_rows where entity = 'orders'"],
            ["query", "select i from range(4) r(i) where i > 1"],
            ["query", "select table_name from information_schema.tables where table_schema = 'core' and table_name like 'acc%' order by 1"],
            .. Attacks.Select(a => new[] { "query", a.Sql }),
            ["query", "select count(*) as n from w.core.accounts"],
        ];

        string[] files = [];
        var withService = await SameWithAndWithoutService(session, (served, _) =>
        {
            files = [.. Directory.GetFiles(served.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
            return Task.CompletedTask;
        });

        // By hand from the two files: A3 (no name) rejected, O3 waits for A9.
        Assert.Equal("0|account_id,name,region\nA1,甲方,华东\nA2,乙方,华北\n|", withService[2]);
        Assert.Equal("0|[{\"account_id\":\"A1\",\"amount\":100.50,\"ids\":[\"O1\"]},{\"account_id\":\"A2\",\"amount\":20.00,\"ids\":[\"O2\"]}]\n|", withService[3]);
        Assert.Equal("0|waiting\n1\n|", withService[4]);
        Assert.Equal("0|i\n2\n3\n|", withService[5]);
        Assert.Equal("0|table_name\naccount_history\naccounts\n|", withService[6]);
        for (var i = 0; i < Attacks.Length; i++)
        {
            Assert.Equal($"2||{Attacks[i].Refusal}\n", withService[7 + i]);
        }

        Assert.Equal("0|n\n2\n|", withService[^1]);
        Assert.DoesNotContain("out.csv", files);
        Assert.DoesNotContain("other.duckdb", files);
    }

    /// <summary>
    /// Runs the verbs on a warehouse no service holds and on one 'analytics serve' holds (each with the same two
    /// files and an admin key), asserts each printed the same, and gives what they printed through the service.
    /// </summary>
    private static async Task<List<string>> SameWithAndWithoutService(string[][] session, Func<TempFolder, int, Task> whileServing)
    {
        using var alone = new TempFolder();
        using var served = new TempFolder();
        foreach (var folder in new[] { alone, served })
        {
            folder.Write("accounts.csv", "account_id,name,region\nA1,甲方,华东\nA2,乙方,华北\nA3,,华北\n");
            folder.Write("orders.csv", "order_id,account_id,order_date,amount\nO1,A1,2024-05-01,100.50\nO2,A2,2024-06-01,20\nO3,A9,2024-06-02,5\n");
            var created = await AnalyticsProcess.RunAsync(folder.Path, "keys", "create", "--role", "admin", "--db", "w.duckdb");
            Assert.True(created.ExitCode == 0, created.Stderr);
        }

        var withoutService = new List<string>();
        foreach (var verb in session)
        {
            withoutService.Add(Normalised(await AnalyticsProcess.RunAsync(alone.Path, [.. verb, "--db", "w.duckdb"])));
        }

        var (serve, port) = await ServeProcess.StartAsync(served, "w.duckdb");
        try
        {
            var operatorFile = OperatorSecret.FileOf(served.File("w.duckdb"));
            await WaitFor(() => File.Exists(operatorFile));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(operatorFile));
            }

            var withService = new List<string>();
            foreach (var verb in session)
            {
                withService.Add(Normalised(await AnalyticsProcess.RunAsync(served.Path, [.. verb, "--db", "w.duckdb"])));
            }

            var differing = Enumerable.Range(0, session.Length).Where(i => withoutService[i] != withService[i])
                .Select(i => $"{string.Join(' ', session[i])}:\n{withoutService[i]}\n--- through the service:\n{withService[i]}").ToList();
            Assert.True(differing.Count == 0, string.Join("\n\n", differing));
            await whileServing(served, port);
            return withService;
        }
        finally
        {
            await ServeProcess.Stop(serve);
        }
    }

    /// <summary>Exit code, stdout and stderr, with what differs by run (seconds taken, key secrets and times) blanked.</summary>
    private static string Normalised(AnalyticsProcess.Result result) =>
        Variable().Replace($"{result.ExitCode}|{result.Stdout}|{result.Stderr}", "#");

    [GeneratedRegex(@"\d+\.\d+ s\b|\([\d,]+ rows/s\)|ak_[A-Za-z0-9_-]+|\d{4}-\d\d-\d\d \d\d:\d\d|""batch_id"":\d+|""elapsed_ms"":\d+|""sha256"":""[0-9a-f]+""")]
    private static partial Regex Variable();

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }
    }
}
