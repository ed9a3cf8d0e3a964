using Analytics.ReportApi.Cli;

namespace Analytics.Tests.Demo;

public sealed class DemoVerbTests
{
    [Fact]
    public async Task Demo_without_an_output_folder_is_bad_usage()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(["demo", "--accounts", "10"], stdout, stderr);
        Assert.Equal(2, exit);
        Assert.Contains("--out", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_with_a_bad_number_is_bad_usage()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(2, await CommandLine.RunAsync(["demo", "--out", Path.GetTempPath(), "--years", "many"], stdout, stderr));
        Assert.Equal(2, await CommandLine.RunAsync(["demo", "--out", Path.GetTempPath(), "--accounts", "0"], stdout, stderr));
    }

    [Fact]
    public async Task Demo_writes_the_six_files_and_prints_one_line_for_each()
    {
        var folder = Path.Combine(Path.GetTempPath(), "analytics-demo-verb-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exit = await CommandLine.RunAsync(["demo", "--out", folder, "--accounts", "30", "--years", "1", "--seed", "3"], stdout, stderr);
            Assert.Equal(0, exit);
            Assert.Equal("", stderr.ToString());
            foreach (var entity in new[] { "accounts", "products", "contracts", "orders", "order_lines", "tickets" })
            {
                Assert.True(File.Exists(Path.Combine(folder, entity + ".csv")), entity);
                Assert.Contains(stdout.ToString().Split('\n'), l => l.Contains(entity + ".csv: " + entity + " ", StringComparison.Ordinal) && l.Contains(" rows", StringComparison.Ordinal));
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
