using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Analytics.ReportApi.Access;
using Analytics.Tests.Support;

namespace Analytics.Tests.Access;

/// <summary>The real service process on a new warehouse: the admin key it prints once, and the demo keys.</summary>
public sealed partial class FirstServeKeyTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly System.Text.StringBuilder _log = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_first_serve_prints_one_admin_key_stores_the_demo_keys_and_a_later_start_prints_none()
    {
        var (firstLog, firstAnswers) = await Serve(async http =>
        {
            var key = AdminKey().Match(_log.ToString()).Groups[1].Value;
            return [
                await Status(http, null), await Status(http, key), await Status(http, DemoKeys.Marketing), await Status(http, DemoKeys.Analyst),
            ];
        });
        Assert.Single(AdminKey().Matches(firstLog));
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden], firstAnswers);
        Assert.Contains("Demo keys stored", firstLog, StringComparison.Ordinal);

        var (secondLog, secondAnswers) = await Serve(async http => [await Status(http, DemoKeys.Marketing)]);
        Assert.Empty(AdminKey().Matches(secondLog));
        Assert.DoesNotContain("Demo keys stored", secondLog, StringComparison.Ordinal);
        Assert.Equal([HttpStatusCode.OK], secondAnswers);
    }

    private static async Task<HttpStatusCode> Status(HttpClient http, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/targets", UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Starts serve on the folder's warehouse (a tiny demo on the first run), waits for it to listen, asks, stops it.</summary>
    private async Task<(string Log, List<HttpStatusCode> Answers)> Serve(Func<HttpClient, Task<List<HttpStatusCode>>> ask)
    {
        _log.Clear();
        var port = FreePort();
        using var serve = AnalyticsProcess.Start(_folder.Path, "serve", "--urls", $"http://127.0.0.1:{port}", "--db", "w.duckdb",
            "--inbox", _folder.File("inbox"), "--Analytics:DemoAccounts=30", "--Analytics:DemoYears=1");
        var listening = new TaskCompletionSource();
        serve.OutputDataReceived += (_, e) =>
        {
            lock (_log)
            {
                _log.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Now listening", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        serve.BeginOutputReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var answers = await ask(http);
            return (_log.ToString(), answers);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"admin key \d+ created; it is shown only now, keep it: (ak_[A-Za-z0-9_-]{43})")]
    private static partial Regex AdminKey();
}
