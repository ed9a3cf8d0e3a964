using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Tests.Support;

namespace Analytics.Tests.OData;

/// <summary>
/// Clients nobody here wrote, against the real service on a socket: the typed client SAP's generator
/// (npm @sap-cloud-sdk/generator 4.5.1) makes from our $metadata, and npm @odata/client, each reading orders with
/// their account's region through a $select of the Account navigation property. ./test.sh installs both into
/// ~/.cache/analytics/odata-clients; the generated client is kept there per $metadata (generating takes minutes).
/// </summary>
public sealed class RealClientTests(ODataBook book) : IClassFixture<ODataBook>
{
    private static readonly string Clients = Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "analytics", "odata-clients");

    private static readonly string Scripts = Path.Combine(TestPaths.RepoRoot, "tests", "Analytics.Tests", "OData", "Clients");

    // By hand from ODataBook: the orders over 1000 and their accounts' regions (A4 has none).
    private static readonly string[] Expected = ["O1 11097.9 华东", "O2 5999 华东", "O4 4125.375 华东", "O5 1234.56 null"];

    [Fact]
    public async Task The_SAP_client_generated_from_our_metadata_reads_orders_with_their_accounts_region()
    {
        await using var service = new AnalyticsFactory(book.Warehouse.Database, onSocket: true);
        var key = service.Key(Roles.Analyst);
        using var client = service.Client(key);
        var metadata = await client.GetStringAsync(new Uri("/odata/$metadata", UriKind.Relative));
        var generated = Generate(metadata);

        var rows = Node(Path.Combine(Scripts, "sap-client.js"), generated, new Uri(service.Address, "/odata").AbsoluteUri, key);

        Assert.Equal(Expected, rows);
    }

    [Fact]
    public async Task Npm_odata_client_selects_the_account_navigation_property_with_Basic_sign_in()
    {
        await using var service = new AnalyticsFactory(book.Warehouse.Database, onSocket: true);

        var rows = Node(Path.Combine(Scripts, "odata-client.js"), service.Address.AbsoluteUri.TrimEnd('/'), service.Key(Roles.Analyst));

        string[] all = [.. Expected, "O3 949.05 North", "O6 0.7 South"];
        Assert.Equal(all.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }

    /// <summary>The client the generator makes from <paramref name="metadata"/>, made once per $metadata and kept in the cache.</summary>
    private static string Generate(string metadata)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(metadata)))[..16];
        var output = Path.Combine(Clients, "generated", hash);
        if (File.Exists(Path.Combine(output, "analytics", "index.js")))
        {
            return output;
        }

        var input = Path.Combine(Clients, "metadata", hash);
        Directory.CreateDirectory(input);
        File.WriteAllText(Path.Combine(input, "analytics.edmx"), metadata);
        Run(Path.Combine(Clients, "node_modules", "@sap-cloud-sdk", "generator", "dist", "cli.js"),
            "-i", input, "-o", output, "--transpile", "--tsconfig", Path.Combine(Scripts, "tsconfig.json"), "--skipValidation", "--overwrite");
        return output;
    }

    private static List<string> Node(string script, params string[] arguments) =>
        [.. JsonDocument.Parse(Run(script, arguments)).RootElement.EnumerateArray()
            .Select(r => string.Join(" ", r.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? "null" : v.GetString())))];

    private static string Run(string script, params string[] arguments)
    {
        Assert.True(Directory.Exists(Path.Combine(Clients, "node_modules", "@sap-cloud-sdk", "generator")),
            $"The npm OData clients are not installed in {Clients}: run ./test.sh once (it installs them).");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Clients };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NODE_PATH"] = Path.Combine(Clients, "node_modules");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), $"{Path.GetFileName(script)} did not finish in 10 minutes");
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(script)} exited {process.ExitCode}:\n{error.Result}\n{output.Result}");
        return output.Result;
    }
}
