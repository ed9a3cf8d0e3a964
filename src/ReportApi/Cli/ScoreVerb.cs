using System.Globalization;
using Analytics.Models.Monitoring;
using Analytics.Models.Runs;
using Analytics.Warehouse;

namespace Analytics.ReportApi.Cli;

/// <summary><c>analytics score [--json]</c>: scores every account with the serving models.</summary>
internal static class ScoreVerb
{
    public static Verb Definition { get; } = new(
        "score",
        "score [--json]",
        """
        Scores every account as of the marts' day with the serving churn and value models: churn probability,
        risk band and the reasons raising and lowering it (English and Chinese), the value forecasts (ML.NET and
        BG/NBD x Gamma-Gamma) and the predicted tier, into models.account_scores (models.current_scores is the
        latest pass). Then monitors the pass (drift against the training data, the outcomes of older passes whose
        horizon has passed) and prints each alert after the pass. --json prints the pass as JSON.
        """,
        new HashSet<string>(),
        new HashSet<string> { "json" },
        RunAsync);

    private static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positional.Count > 0)
        {
            throw new UsageException("score takes no arguments.");
        }

        using var database = WarehouseDatabase.Open(args.Database);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = new ScoringPass(database).Run();
        var monitoring = new PassMonitor(database).Check(run);
        await stdout.WriteLineAsync(args.Flag("json")
            ? RunJson.Serialize(run)
            : string.Create(CultureInfo.InvariantCulture,
                $"score run {run.ScoreRunId}: {run.Accounts:N0} accounts as of {run.AsOf:yyyy-MM-dd} with {run.ChurnVersion}, {run.ValueVersion ?? "no value model"}, {run.ClvVersion ?? "no CLV fit"} and {run.RenewalVersion ?? "no renewal model"} in {clock.Elapsed.TotalSeconds:0.0} s")
                + FitLines.Of(run.Fits));
        if (!args.Flag("json"))
        {
            if (monitoring.NotMeasured is { } why)
            {
                await stdout.WriteLineAsync($"monitoring: not measured: {why}");
            }

            foreach (var alert in monitoring.Alerts)
            {
                await stdout.WriteLineAsync($"alert: {alert.Describe()}; run 'analytics train'");
            }
        }

        return 0;
    }
}
