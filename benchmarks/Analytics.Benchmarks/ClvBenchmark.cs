using System.Diagnostics;
using System.Globalization;
using Analytics.Models.Clv;
using Analytics.Models.Runs;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.Benchmarks;

/// <summary>
/// CLV with and without its intervals on the models benchmark's demo company (100,000 accounts by default, set up
/// once and shared with `models`): BG/NBD + Gamma-Gamma fitted on every company's orders and every company valued,
/// as the scoring pass did before intervals, against the same plus each company's 90% intervals (standard errors
/// from the Hessian, 200 parameter draws, one simulated future per draw); then the scoring pass's whole CLV step,
/// which also chooses BG/NBD or Pareto/NBD on the book's holdout and corrects each tier by it. The two take turns for a few rounds; the median
/// round is reported (`--rounds 0`: the CLV step alone). The warehouse is only read, so a shared one stays as it is.
/// CPU seconds are printed beside wall seconds: on a shared machine the wall clock also measures the neighbours.
/// </summary>
internal static class ClvBenchmark
{
    public static int Run(string[] args)
    {
        var accounts = ModelBenchmark.Option(args, "--accounts") is { } a ? int.Parse(a, CultureInfo.InvariantCulture) : 100_000;
        var rounds = ModelBenchmark.Option(args, "--rounds") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
        using var database = WarehouseDatabase.Open(ModelBenchmark.DemoWarehouse(accounts, ModelBenchmark.Option(args, "--dir")), readOnly: true);
        using var connection = database.Connect();
        var asOf = MartsAsOf.Read(connection);
        var plain = new ClvOptions(12, 0.10, 1.0);
        var withIntervals = plain with { IntervalDraws = LifetimeValueStep.IntervalDraws };

        var times = new List<(Seconds Plain, Seconds Intervals)>();
        ClvScores? scored = null;
        for (var round = 0; round < rounds; round++)
        {
            var (_, plainTime) = Timed(() => ClvScoring.Run(connection, asOf, plain, mergeDuplicates: true));
            (scored, var intervalTime) = Timed(() => ClvScoring.Run(connection, asOf, withIntervals, mergeDuplicates: true));
            times.Add((plainTime, intervalTime));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}: without intervals {plainTime}, with {intervalTime}, ratio {intervalTime.Wall / plainTime.Wall:0.00} (CPU {intervalTime.Cpu / plainTime.Cpu:0.00})"));
        }

        var (chosen, choiceTime) = Timed(() => ClvScoring.Run(connection, asOf, LifetimeValueStep.Valuation(plain), mergeDuplicates: true));
        var fit = (scored ?? chosen)!.Fit;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {fit.Customers:N0} companies that bought ({accounts:N0} demo accounts), {Environment.ProcessorCount} cores | seconds (CPU) |"));
        Console.WriteLine("| --- | ---: |");
        if (times.Count > 0)
        {
            var median = times.OrderBy(t => t.Intervals.Wall / t.Plain.Wall).ElementAt(times.Count / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| BG/NBD + Gamma-Gamma fitted, every company valued (before intervals) | {median.Plain} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| the same with standard errors and every company's 90% intervals ({LifetimeValueStep.IntervalDraws} draws) | {median.Intervals} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ratio (median of {rounds} rounds) | **{median.Intervals.Wall / median.Plain.Wall:0.00}** ({median.Intervals.Cpu / median.Plain.Cpu:0.00}) |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| the scoring pass's CLV step: holdout choice ({chosen!.Fit.Choice?.Chosen ?? "no holdout"}), fit, values and intervals | {choiceTime} |"));
        Console.WriteLine();
        foreach (var report in fit.Fits())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{report.Model}: {string.Join(", ", report.Parameters.Select(p => $"{p.Key} {p.Value:G4} ± {report.StandardErrors[p.Key]:G2}"))}; {report.Iterations} iterations, gradient norm {report.GradientNorm:G2}{string.Concat(report.Warnings.Select(w => "; warning: " + w))}"));
        }

        if (chosen.Fit.Choice is { } choice)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"holdout from {choice.CalibrationEnd:yyyy-MM-dd} ({choice.HoldoutDays} days, {choice.Accounts:N0} companies, {choice.ActualPurchases:N0} purchases): BG/NBD expected {choice.BgNbdExpected:N0} (MAE {choice.BgNbdMae:0.000}), Pareto/NBD {choice.ParetoNbdExpected:N0} (MAE {choice.ParetoNbdMae:0.000})"));
        }

        return 0;
    }

    private static (T Result, Seconds Seconds) Timed<T>(Func<T> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = work();
        return (result, new Seconds(clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds));
    }

    private readonly record struct Seconds(double Wall, double Cpu)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Wall:0.00} s ({Cpu:0.00} CPU)");
    }
}
