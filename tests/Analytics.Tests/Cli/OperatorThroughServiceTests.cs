using System.Net;
using System.Text.RegularExpressions;
using Analytics.ReportApi.Access;
using Analytics.Tests.Support;

namespace Analytics.Tests.Cli;

/// <summary>
/// load, refresh, settings and keys while 'analytics serve' holds the warehouse: the verbs run inside the service,
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
    ];

    [Fact]
    public async Task Each_verb_prints_the_same_through_the_service_as_on_the_file_and_strangers_are_refused()
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
        foreach (var verb in Session)
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
            foreach (var verb in Session)
            {
                withService.Add(Normalised(await AnalyticsProcess.RunAsync(served.Path, [.. verb, "--db", "w.duckdb"])));
            }

            var differing = Enumerable.Range(0, Session.Length).Where(i => withoutService[i] != withService[i])
                .Select(i => $"{string.Join(' ', Session[i])}:\n{withoutService[i]}\n--- through the service:\n{withService[i]}").ToList();
            Assert.True(differing.Count == 0, string.Join("\n\n", differing));
            // By hand: A3 has no name (rejected); O3's account A9 is not there (it waits); the key is the second one.
            Assert.Contains("\"rows_read\":3,\"rows_loaded\":2,\"rows_rejected\":1", withService[1], StringComparison.Ordinal);
            Assert.StartsWith("0|orders.csv: orders loaded 2 of 3 rows", withService[2], StringComparison.Ordinal);
            Assert.StartsWith("0|", withService[3], StringComparison.Ordinal);
            Assert.Contains("|Key 2 (analyst, regions 华东, \"East analyst\") created", withService[5], StringComparison.Ordinal);
            Assert.StartsWith("2||There is no file or folder missing.csv.", withService[7], StringComparison.Ordinal);

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
