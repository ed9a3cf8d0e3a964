using System.Text.Json;
using Analytics.Tests.Cdnow;
using Analytics.Tests.Support;

namespace Analytics.Tests.Clv;

/// <summary>
/// `analytics clv fit` as a user runs it: the CDNOW sample loaded with `analytics load` (transactions first,
/// then the accounts they wait for, listed with `analytics query`), then fitted over the papers' 39 weeks.
/// </summary>
public sealed class ClvFitVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<AnalyticsProcess.Result> Run(params string[] args) => AnalyticsProcess.RunAsync(_folder.Path, args);

    [DatasetFact("cdnow_lifetimes")]
    public async Task Fitting_the_cdnow_sample_loaded_through_the_cli_reproduces_both_papers()
    {
        var orders = await Run("load", CdnowFiles.Sample, "--mapping", CdnowFiles.Mapping("cdnow-sample.mapping.json"), "--json");
        using (var report = JsonDocument.Parse(orders.Stdout))
        {
            Assert.Equal("loaded", report.RootElement.GetProperty("status").GetString());
            Assert.Equal(6919, report.RootElement.GetProperty("rows_pending").GetInt64());
        }

        var accounts = await Run("query", CdnowFiles.WaitingAccountsSql);
        Assert.Equal(0, accounts.ExitCode);
        await File.WriteAllTextAsync(_folder.File("accounts_cdnow.csv"), accounts.Stdout);
        Assert.Equal(0, (await Run("load", "accounts_cdnow.csv")).ExitCode);

        var fit = await Run("clv", "fit", "--calibration-end", "1997-09-30", "--unit", "week", "--json");

        Assert.True(fit.ExitCode == 0, fit.Stderr);
        using var json = JsonDocument.Parse(fit.Stdout);
        var root = json.RootElement;
        Assert.Equal(2357, root.GetProperty("customers").GetInt32());
        Assert.Equal(946, root.GetProperty("repeat_customers").GetInt32());
        var bgNbd = root.GetProperty("bgnbd");
        Assert.Equal(0.243, bgNbd.GetProperty("r").GetDouble(), 0.01);
        Assert.Equal(4.414, bgNbd.GetProperty("alpha").GetDouble(), 0.01);
        Assert.Equal(0.793, bgNbd.GetProperty("a").GetDouble(), 0.01);
        Assert.Equal(2.426, bgNbd.GetProperty("b").GetDouble(), 0.01);
        Assert.Equal(-9582.4, bgNbd.GetProperty("log_likelihood").GetDouble(), 0.5);
        var gammaGamma = root.GetProperty("gamma_gamma");
        Assert.Equal(6.25, gammaGamma.GetProperty("p").GetDouble(), 0.01);
        Assert.Equal(3.74, gammaGamma.GetProperty("q").GetDouble(), 0.01);
        Assert.Equal(15.44, gammaGamma.GetProperty("v").GetDouble(), 0.01);
        var paretoNbd = root.GetProperty("pareto_nbd");
        Assert.Equal(0.55, paretoNbd.GetProperty("r").GetDouble(), 0.005);
        Assert.Equal(10.58, paretoNbd.GetProperty("alpha").GetDouble(), 0.005);
        Assert.Equal(0.61, paretoNbd.GetProperty("s").GetDouble(), 0.005);
        Assert.Equal(11.67, paretoNbd.GetProperty("beta").GetDouble(), 0.005);
        Assert.Equal(-9594.98, paretoNbd.GetProperty("log_likelihood").GetDouble(), 0.01);
        var fits = root.GetProperty("fits").EnumerateArray().ToList();
        Assert.Equal(["BG/NBD", "Pareto/NBD", "Gamma-Gamma"], fits.Select(f => f.GetProperty("model").GetString()));
        Assert.All(fits, f => Assert.Equal(0, f.GetProperty("warnings").GetArrayLength()));
        Assert.All(fits, f => Assert.True(f.GetProperty("iterations").GetInt32() > 0));
        Assert.Equal(0.0476, fits[1].GetProperty("standard_errors").GetProperty("r").GetDouble(), 0.001);
    }

    [Theory]
    [InlineData("--unit", "fortnight", "--unit takes day, week or month, not 'fortnight'.")]
    [InlineData("--calibration-end", "30/09/1997", "--calibration-end takes a date as yyyy-mm-dd, not '30/09/1997'.")]
    public async Task Bad_options_exit_2_with_one_sentence(string option, string value, string message)
    {
        var result = await Run("clv", "fit", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message, result.Stderr.Trim());
    }

    [Fact]
    public async Task Help_shows_the_usage()
    {
        var result = await Run("clv", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("usage: analytics clv fit [--calibration-end DATE] [--unit day|week|month] [--json]", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_sub_verb_exits_2()
    {
        var result = await Run("clv");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("clv takes one sub-verb, fit", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warehouse_without_orders_exits_2_saying_so()
    {
        Assert.Equal(0, (await Run("settings")).ExitCode);

        var result = await Run("clv", "fit");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("The warehouse has no orders to fit: load some first.", result.Stderr.Trim());
    }

    [Fact]
    public async Task Accounts_that_never_bought_again_cannot_fit_spend_and_exit_2()
    {
        await File.WriteAllTextAsync(_folder.File("accounts.csv"), "account_id,name\nA,甲\n");
        await File.WriteAllTextAsync(_folder.File("orders.csv"), "order_id,account_id,order_date,amount\n1,A,2024-01-01,5\n");
        Assert.Equal(0, (await Run("load", "accounts.csv", "orders.csv")).ExitCode);

        var result = await Run("clv", "fit", "--calibration-end", "2024-06-30");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("No account bought again with a positive spend by 2024-06-30, so spend per purchase cannot be fitted.", result.Stderr.Trim());
    }
}
