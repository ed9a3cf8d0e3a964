using System.Diagnostics;
using System.Globalization;
using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Models.Runs;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.Benchmarks;

/// <summary>
/// Writes the demo company (100,000 accounts by default), loads it and builds the marts (untimed set-up), then
/// times training (features at five cutoffs in DuckDB, FastTree churn and value models, BG/NBD x Gamma-Gamma,
/// evaluation, runs stored) and scoring every account.
/// </summary>
internal static class ModelBenchmark
{
    public static int Run(string[] args)
    {
        var accounts = Option(args, "--accounts") is { } a ? int.Parse(a, CultureInfo.InvariantCulture) : 100_000;
        using var database = WarehouseDatabase.Open(DemoWarehouse(accounts, Option(args, "--dir")));
        var (report, train, trainCpu) = Timed(() => new TrainingPass(database).Run());
        var (run, score, scoreCpu) = Timed(() => new ScoringPass(database).Run());
        var churn = (ChurnEvaluation)report.Churn.Evaluation;
        var value = (ValueEvaluation)(report.Value ?? throw new InvalidOperationException("The demo has orders, so training fits a value model.")).Evaluation;

        Console.WriteLine();
        Console.WriteLine($"| {accounts:N0} demo accounts, {Environment.ProcessorCount} cores | rows | seconds (CPU) |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine($"| train: 5 cutoffs of features, churn and value models, evaluation | {churn.TrainingRows + churn.Model.Accounts:N0} churn rows, {value.TrainingRows + value.Ml.Accounts:N0} value rows | {train.TotalSeconds:0.0} ({trainCpu.TotalSeconds:0.0}) |");
        Console.WriteLine($"| score every account | {run.Accounts:N0} | {score.TotalSeconds:0.0} ({scoreCpu.TotalSeconds:0.0}) |");
        Console.WriteLine();
        Console.WriteLine($"churn ROC AUC {churn.Model.RocAuc:0.000} (recency alone {churn.Baseline.RocAuc:0.000}), grade {churn.Grade}; value MAE ML {value.Ml.Mae:N0}, BG/NBD {value.BgNbd.Mae:N0}, naive {value.Naive.Mae:N0}");
        return 0;
    }

    /// <summary>The demo company's warehouse with its marts: written, loaded and refreshed on the first run (untimed), then kept.</summary>
    internal static string DemoWarehouse(int accounts, string? dir)
    {
        var root = Path.Combine(dir ?? Path.GetTempPath(), $"analytics-models-{accounts}");
        var path = Path.Combine(root, "warehouse.duckdb");
        if (!File.Exists(path))
        {
            var setup = Stopwatch.StartNew();
            var company = Path.Combine(root, "company");
            DemoCompany.Write(company, new DemoOptions(new DateOnly(2026, 1, 15)) { Accounts = accounts });
            using var fresh = WarehouseDatabase.Open(path);
            _ = new FileLoader(fresh).LoadAll([company], new LoadOptions()).ToList();
            using var connection = fresh.Connect();
            new MartBuilder(connection).Refresh();
            Directory.Delete(company, recursive: true);
            Console.WriteLine($"set up {accounts:N0} demo accounts (write, load, marts) in {setup.Elapsed.TotalSeconds:0} s; kept in {root}");
        }

        return path;
    }

    private static (T Result, TimeSpan Wall, TimeSpan Cpu) Timed<T>(Func<T> work)
    {
        // CPU time beside wall time: on a shared machine the wall clock also measures the neighbours.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = work();
        return (result, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    internal static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
