using Analytics.Tests.Support;

namespace Analytics.Tests.Docs;

/// <summary>
/// Every example of the README and docs/*.md runs as written against the demo service; a broken one fails the build.
/// The rules (also in docs/README.md, "Examples run in a test"):
/// - A fenced block says its language. ```sh, ```bash and ```python blocks are run; ```text, ```console, ```json
///   and the like (output, syntax, anything not to be run as is) are not.
/// - Shell blocks run in bash with -e -o pipefail, Python blocks in Debian's /usr/bin/python3 (pandas, requests);
///   each in the folder the demo service runs in (data/warehouse.duckdb), one after another in page order.
/// - http://localhost:5000 in a block is replaced by the test service's address (ASPNETCORE_URLS names it too, so
///   `analytics` verbs find the running service as they find it on localhost:5000).
/// - The demo company is the documented one (README's demo keys, one campaign frozen by marketing); every demo key
///   works again before and after each block, whatever a block revoked.
/// - `analytics` is the built command; `curl` fails on an HTTP error (--fail-with-body), so an example that answers
///   401 or 404 fails, not just one that cannot connect.
/// - A block that must not run here is listed in <see cref="NotRun"/> with its reason: keep that list short.
/// </summary>
[Collection(DemoService.Collection)]
public sealed class DocExampleTests(DemoService demo)
{
    /// <summary>Blocks not run, by page and first line, each with why.</summary>
    private static readonly Dictionary<(string Page, string FirstLine), string> NotRun = new()
    {
        [("README.md", "dotnet run --project src/ReportApi   # the service, on http://localhost:5000")] =
            "starts the service (the test's own service stands for it) and ./test.sh, the command that runs this very test",
        [("docs/clv-and-renewals.md", "analytics load CDNOW_sample.txt --mapping tests/Analytics.Tests/Cdnow/cdnow-sample.mapping.json   # 6,919 waiting")] =
            "loads the public CDNOW sample into a warehouse of its own, not the demo's; Cdnow/CdnowLoadTests run these steps",
    };

    public static TheoryData<string, int> Runnable()
    {
        var data = new TheoryData<string, int>();
        foreach (var block in AllBlocks().Where(b => b.Runs && !NotRun.ContainsKey((b.File, b.FirstLine))))
        {
            data.Add(block.File, block.Line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runnable))]
    public async Task The_example_runs_against_the_demo_service(string page, int line)
    {
        var block = AllBlocks().Single(b => b.File == page && b.Line == line);
        demo.RestoreDemoKeys();
        using var work = new TempFolder();
        var shims = Shims(work);
        var script = work.Write(block.Language == "python" ? "example.py" : "example.sh", block.Text.Replace("http://localhost:5000", demo.Url, StringComparison.Ordinal));
        var (program, args) = block.Language == "python"
            ? (TestPaths.DebianPython, new[] { script })
            : ("/bin/bash", new[] { "-e", "-o", "pipefail", script });
        var environment = ExternalCommand.Environment(new Dictionary<string, string?>
        {
            ["PATH"] = $"{shims}:/usr/bin:/bin:{Environment.GetEnvironmentVariable("PATH")}",
            ["ASPNETCORE_URLS"] = demo.Url,
            ["ANALYTICS_KEY"] = null,
        });

        ExternalCommand.Result result;
        try
        {
            result = await ExternalCommand.RunAsync(program, args, demo.Folder, environment, TimeSpan.FromMinutes(10));
        }
        finally
        {
            demo.RestoreDemoKeys();
        }

        Assert.True(result.ExitCode == 0, $"The example at {block} fails:\n{block.Text}\n{result}");
    }

    [Fact]
    public void Every_block_says_its_language_and_the_pages_hold_examples_to_run()
    {
        var blocks = AllBlocks().ToList();
        Assert.All(blocks, b => Assert.False(b.Language.Length == 0, $"{b}: a bare ``` block; say ```sh/```python to have it run, or ```text/```console for output and syntax"));
        Assert.Contains(blocks, b => b.Runs && b.Language == "python");
        Assert.True(blocks.Count(b => b.Runs) >= 5, string.Join(", ", blocks.Where(b => b.Runs)));
        // An exception whose block is gone (renamed, rewritten) must leave the list, so it stays short and true.
        Assert.All(NotRun.Keys, k => Assert.Contains(blocks, b => b.File == k.Page && b.FirstLine == k.FirstLine));
    }

    private static IEnumerable<DocBlock> AllBlocks() =>
        DocBlock.Pages(TestPaths.RepoRoot).SelectMany(page => DocBlock.In(TestPaths.RepoRoot, page));

    /// <summary>A folder put first on PATH: `analytics` runs the built command, `curl` fails on an HTTP error.</summary>
    private static string Shims(TempFolder work)
    {
        var analytics = work.Write("bin/analytics", $"#!/bin/sh\nexec dotnet '{TestPaths.AnalyticsDll}' \"$@\"\n");
        var curl = work.Write("bin/curl", "#!/bin/sh\nexec /usr/bin/curl --fail-with-body --silent --show-error \"$@\"\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The examples are shell and Debian's python3: they run on Linux.");
        }

        foreach (var shim in new[] { analytics, curl })
        {
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return Path.GetDirectoryName(analytics)!;
    }
}
