using System.Text.Json.Nodes;
using Analytics.ReportApi.Access;
using Analytics.Tests.Support;

namespace Analytics.Tests.Notebooks;

/// <summary>
/// notebooks/pareto.cs, the 80/20 story for analysts who stay in .NET, runs as a user runs it
/// (`dotnet run notebooks/pareto.cs chart.png`) against the demo service, and is no part of any project the
/// solution builds.
/// </summary>
[Collection(DemoService.Collection)]
public sealed class FileBasedAppTests(DemoService demo)
{
    [Fact]
    public async Task Dotnet_run_of_pareto_cs_prints_the_headlines_share_in_exact_decimals_and_draws_the_curve()
    {
        using var work = new TempFolder();
        var chart = work.File("pareto.png");
        var environment = ExternalCommand.Environment(new Dictionary<string, string?>
        {
            ["ANALYTICS_URL"] = demo.Url,
            ["ANALYTICS_KEY"] = DemoKeys.Analyst,
        });

        var result = await ExternalCommand.RunAsync(
            "dotnet", ["run", "notebooks/pareto.cs", chart], TestPaths.RepoRoot, environment, TimeSpan.FromMinutes(15));

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = result.Stdout.Split('\n').Single(l => l.StartsWith("FIGURES ", StringComparison.Ordinal));
        var figures = JsonNode.Parse(line["FIGURES ".Length..])!.AsObject();
        // Decimal all the way: the share equals the mart's to the sixth place, not merely close to it.
        var topValue = demo.Scalar<decimal>("select top_value from marts.pareto_headline");
        var totalValue = demo.Scalar<decimal>("select total_value from marts.pareto_headline");
        Assert.Equal(Math.Round(topValue / totalValue, 6), (decimal)figures["top_value_share"]!);
        Assert.Equal(demo.Scalar<long>("select top_accounts from marts.pareto_headline"), (long)figures["top_accounts"]!);
        Assert.Equal(demo.Scalar<long>("select count(*) from marts.account_tiers where tier = 'A'"), (long)figures["tier_a"]!);
        var png = await File.ReadAllBytesAsync(chart);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }

    [Fact]
    public void No_project_compiles_the_notebooks_folder()
    {
        var notebooks = Path.Combine(TestPaths.RepoRoot, "notebooks") + Path.DirectorySeparatorChar;
        var projects = Directory.GetFiles(TestPaths.RepoRoot, "*.csproj", SearchOption.AllDirectories);
        Assert.NotEmpty(projects);
        // A project compiles the .cs files under its own folder: none may sit in notebooks/ or above it.
        Assert.All(projects, p => Assert.False(
            notebooks.StartsWith(Path.GetDirectoryName(p)! + Path.DirectorySeparatorChar, StringComparison.Ordinal), $"{p} would compile notebooks/*.cs"));
    }
}
