using System.Diagnostics;
using System.Text.Json;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Telco;

/// <summary>
/// IBM's Telco churn sample, a subscription export no one here generated, loaded as a user would: examples/telco/load.sh
/// with the analytics on PATH, then 'analytics train --json' and 'analytics score'.
/// </summary>
public sealed class TelcoExampleTests
{
    [DatasetFact("telco_churn_ibm")]
    public async Task The_telco_export_loads_through_its_example_and_train_learns_its_churn_label_on_a_stratified_holdout()
    {
        using var folder = new TempFolder();
        var db = folder.File("telco.duckdb");
        var load = await LoadExample(folder, db);
        Assert.True(load.ExitCode == 0, load.Stderr);

        using (var database = WarehouseDatabase.Open(db))
        using (var connection = database.Connect())
        {
            // The file's 7,043 customers, 1,869 of them labelled Churn = Yes (SOURCE.md); the churn rate mart counts them.
            Assert.Equal(7043L, connection.Scalar<long>("select count(*) from core.accounts"));
            Assert.Equal(1869L, connection.Scalar<long>("select count(*) from core.accounts where churned"));
            Assert.Equal(1869L, connection.Scalar<long>("select count(*) from marts.account_churn where definition = 'label'"));
            Assert.Equal((7043L, 1869L), connection.Rows(
                "select accounts_at_risk, churned from marts.churn_rates where dimension = 'all' order by period_start desc limit 1",
                r => (r.GetInt64(0), r.GetInt64(1))).Single());
        }

        var train = await AnalyticsProcess.RunAsync(folder.Path, "train", "--db", db, "--json");
        Assert.True(train.ExitCode == 0, train.Stderr);
        var churn = JsonDocument.Parse(train.Stdout).RootElement.GetProperty("churn");
        var auc = churn.GetProperty("roc_auc").GetDouble();
        Assert.True(auc >= 0.83, $"ROC AUC {auc:0.0000} on the stratified holdout");
        var baseline = churn.GetProperty("baseline");
        Assert.EndsWith("alone (logistic regression)", baseline.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.InRange(baseline.GetProperty("roc_auc").GetDouble(), 0.6, auc);
        Assert.StartsWith("stratified 25%", churn.GetProperty("holdout").GetString(), StringComparison.Ordinal);
        // A quarter of each class, so the holdout keeps the file's churn rate: round(1,869 / 4) and round(5,174 / 4).
        Assert.Equal(467 + 1294, churn.GetProperty("accounts").GetInt32());
        Assert.Equal(467, churn.GetProperty("churned").GetInt32());
        var used = churn.GetProperty("evaluation").GetProperty("attributes");
        Assert.Contains("tenure", used.GetProperty("numeric").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Contract", used.GetProperty("categorical").EnumerateArray().Select(e => e.GetString()));

        // The same file and seed give the same holdout, so the same figures.
        var again = await AnalyticsProcess.RunAsync(folder.Path, "train", "--db", db, "--json");
        Assert.Equal(auc, JsonDocument.Parse(again.Stdout).RootElement.GetProperty("churn").GetProperty("roc_auc").GetDouble());

        var score = await AnalyticsProcess.RunAsync(folder.Path, "score", "--db", db);
        Assert.True(score.ExitCode == 0, score.Stderr);
        using (var database = WarehouseDatabase.Open(db))
        using (var connection = database.Connect())
        {
            // Every customer still with the company has a probability; those who left have none.
            Assert.Equal(5174L, connection.Scalar<long>("select count(churn_probability) from models.current_scores"));
            var reasons = connection.Scalar<string>("select churn_reasons from models.current_scores where account_id = '7590-VHVEG'");
            Assert.Contains("\"en\":\"Contract is Month-to-month\"", reasons, StringComparison.Ordinal);
        }
    }

    private static async Task<AnalyticsProcess.Result> LoadExample(TempFolder folder, string db)
    {
        // 'analytics' on PATH, as a user has it installed.
        var bin = Path.Combine(folder.Path, "bin");
        Directory.CreateDirectory(bin);
        var launcher = Path.Combine(bin, "analytics");
        await File.WriteAllTextAsync(launcher, $"#!/bin/sh\nexec dotnet \"{TestPaths.AnalyticsDll}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(TestPaths.RepoRoot, "examples", "telco", "load.sh"));
        info.ArgumentList.Add(TestPaths.Dataset("telco_churn_ibm"));
        info.ArgumentList.Add(db);
        info.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new AnalyticsProcess.Result(process.ExitCode, await stdout, await stderr);
    }
}
