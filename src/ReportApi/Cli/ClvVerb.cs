using System.Globalization;
using System.Text.Json;
using Analytics.Models.Clv;
using Analytics.Models.Runs;
using Analytics.Warehouse;
using Analytics.Warehouse.Clv;

namespace Analytics.ReportApi.Cli;

/// <summary><c>analytics clv fit</c>: fits BG/NBD and Gamma-Gamma on the warehouse's orders and prints the parameters.</summary>
internal static class ClvVerb
{
    public static Verb Definition { get; } = new(
        "clv",
        "clv fit [--calibration-end DATE] [--unit day|week|month] [--json]",
        """
        Fits BG/NBD (repeat purchases, probability alive) and Gamma-Gamma (spend per purchase) by maximum
        likelihood on every account's orders up to the calibration end (default: the as_of_date setting, else
        the latest order day). A purchase is a day with orders; recency and age are counted in --unit
        (default week; a month is 365.25/12 days). --json prints
        {"customers","repeat_customers","bgnbd":{"r","alpha","a","b","log_likelihood"},"gamma_gamma":{"p","q","v"},
        "pareto_nbd":{"r","alpha","s","beta","log_likelihood"},"fits":[{"model","parameters","standard_errors",
        "log_likelihood","iterations","gradient_norm","warnings"}]}: every fit's standard errors and convergence.
        """,
        new HashSet<string> { "calibration-end", "unit" },
        new HashSet<string> { "json" },
        RunAsync);

    private static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positional is not ["fit"])
        {
            throw new UsageException("clv takes one sub-verb, fit: 'analytics clv fit [--calibration-end DATE] [--unit day|week|month] [--json]'.");
        }

        var unitText = args.Option("unit") ?? "week";
        var unit = PurchaseTimeUnits.Parse(unitText)
            ?? throw new UsageException($"--unit takes day, week or month, not '{unitText}'.");
        DateOnly? calibrationEnd = args.Option("calibration-end") is not { } endText ? null
            : DateOnly.TryParseExact(endText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed
            : throw new UsageException($"--calibration-end takes a date as yyyy-mm-dd, not '{endText}'.");

        using var database = WarehouseDatabase.Open(args.Database, readOnly: true);
        using var connection = database.Connect();
        var end = calibrationEnd ?? PurchaseSummaries.DefaultCalibrationEnd(connection)
            ?? throw new WarehouseException("The warehouse has no orders to fit: load some first.");
        var summaries = PurchaseSummaries.Read(connection, end, unit);
        if (summaries.Count == 0)
        {
            throw new WarehouseException($"No account has an order on or before {end:yyyy-MM-dd}, so there is nothing to fit.");
        }

        if (!summaries.Any(s => s.Frequency > 0 && s.MeanRepeatSpend > 0))
        {
            throw new WarehouseException($"No account bought again with a positive spend by {end:yyyy-MM-dd}, so spend per purchase cannot be fitted.");
        }

        // Pareto/NBD is fitted beside BG/NBD so the two can be compared; the scoring pass picks one per book on a holdout.
        var fit = ClvModel.Fit(summaries, unit, end, ParetoNbdFit.Name);
        await stdout.WriteLineAsync(args.Flag("json") ? ToJson(fit) : Summary(fit));
        return 0;
    }

    public static string ToJson(ClvFit fit) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["customers"] = fit.Customers,
        ["repeat_customers"] = fit.RepeatCustomers,
        ["calibration_end"] = fit.CalibrationEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["unit"] = fit.Unit.ToString().ToLowerInvariant(),
        ["bgnbd"] = new Dictionary<string, double>
        {
            ["r"] = fit.BgNbd.R,
            ["alpha"] = fit.BgNbd.Alpha,
            ["a"] = fit.BgNbd.A,
            ["b"] = fit.BgNbd.B,
            ["log_likelihood"] = fit.BgNbd.LogLikelihood,
        },
        ["gamma_gamma"] = new Dictionary<string, double>
        {
            ["p"] = fit.GammaGamma.P,
            ["q"] = fit.GammaGamma.Q,
            ["v"] = fit.GammaGamma.V,
        },
        ["pareto_nbd"] = fit.ParetoNbd is not { } pareto ? null : new Dictionary<string, double>
        {
            ["r"] = pareto.R,
            ["alpha"] = pareto.Alpha,
            ["s"] = pareto.S,
            ["beta"] = pareto.Beta,
            ["log_likelihood"] = pareto.LogLikelihood,
        },
        ["fits"] = JsonSerializer.SerializeToNode(fit.Fits(), RunJson.Options),
    });

    private static string Summary(ClvFit fit) => string.Create(CultureInfo.InvariantCulture, $"""
        {fit.Customers:N0} accounts bought by {fit.CalibrationEnd:yyyy-MM-dd}, {fit.RepeatCustomers:N0} of them again (times in {fit.Unit.ToString().ToLowerInvariant()}s)
        BG/NBD       r {fit.BgNbd.R:0.000}  alpha {fit.BgNbd.Alpha:0.000}  a {fit.BgNbd.A:0.000}  b {fit.BgNbd.B:0.000}  log-likelihood {fit.BgNbd.LogLikelihood:0.0}
        Gamma-Gamma  p {fit.GammaGamma.P:0.00}  q {fit.GammaGamma.Q:0.00}  v {fit.GammaGamma.V:0.00}
        Fits, with standard errors and convergence:
        """) + FitLines.Of(fit.Fits());
}
