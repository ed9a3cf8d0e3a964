using System.Globalization;
using System.Text;
using Analytics.Models.Clv;
using Analytics.Models.Numerics;
using Analytics.Models.Renewal;
using Analytics.Models.Scores;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;
using DuckDB.NET.Data;

namespace Analytics.Models.Runs;

/// <summary>
/// The part of a scoring pass that the probabilistic models own: BG/NBD + Gamma-Gamma refitted on every company's
/// orders up to as_of (a master account with its duplicates', as all scores are per company) gives each account its
/// company's discounted CLV (clv.* settings), spend per purchase from the company's last year and each 80/20 tier
/// corrected by how far the models missed it on the book's latest year (docs/clv-and-renewals.md), and the renewal model (sBG, or one
/// refusal rate when every loss came at a first renewal) gives each contract account's chance of not renewing
/// before its cancel-by date. Both have closed-form fits with no holdout to lose on, so each pass refits them and
/// records the fit as a serving models.model_runs row, which the score run names. Computed before the pass is
/// written, so every score row is written once, complete.
/// </summary>
public static class LifetimeValueStep
{
    /// <summary>Parameter draws behind every account's 90% intervals: 5th and 95th percentiles of 200 values move by
    /// about a tenth of the interval's width from seed to seed, which the intervals' use (a range, not a ranking) bears.</summary>
    public const int IntervalDraws = 200;

    /// <summary>How the pass values: the settings' horizon, discount and margin, with intervals, the holdout's model choice,
    /// spend from the last year and each tier's correction.</summary>
    public static ClvOptions Valuation(ClvOptions settings) =>
        settings with { IntervalDraws = IntervalDraws, ChooseModelOnHoldout = true, RecentSpend = true, CalibrateTiers = true };

    public static LifetimeScores Run(DuckDBConnection connection, long dataVersion, DateOnly asOf)
    {
        var runs = new ModelRunRows(connection);
        var options = Valuation(Options(connection));

        string? clvVersion = null;
        var fits = new List<FitReport>();
        IReadOnlyList<AccountClvScore> clvScores = [];
        if (ClvScoring.Run(connection, asOf, options, mergeDuplicates: true) is { } clv)
        {
            var fit = clv.Fit;
            clvVersion = Record(runs, "clv", $"{fit.Purchases.Model}+Gamma-Gamma", dataVersion, asOf,
                ["frequency", "recency", "age", "mean_repeat_spend"],
                RunJson.Serialize(new
                {
                    fit.Customers,
                    fit.RepeatCustomers,
                    Unit = fit.Unit.ToString().ToLowerInvariant(),
                    fit.BgNbd.R,
                    fit.BgNbd.Alpha,
                    fit.BgNbd.A,
                    fit.BgNbd.B,
                    BgNbdLogLikelihood = fit.BgNbd.LogLikelihood,
                    fit.GammaGamma.P,
                    fit.GammaGamma.Q,
                    fit.GammaGamma.V,
                    options.HorizonMonths,
                    options.AnnualDiscountRate,
                    options.Margin,
                    PurchaseModel = fit.Purchases.Model,
                    ModelChoice = fit.Choice,
                    TierCalibration = fit.Calibration,
                    Fits = fit.Fits(),
                    options.IntervalDraws,
                    options.IntervalSeed,
                }));
            fits.AddRange(fit.Fits());
            clvScores = [.. clv.Accounts.Select(a => new AccountClvScore(a.AccountId, a.Clv) { ExpectedPurchases = a.ExpectedPurchases, Interval = a.Interval })];
        }

        string? renewalVersion = null;
        IReadOnlyList<AccountRenewalScore> renewalScores = [];
        if (RenewalScoring.Score(connection) is { } renewal)
        {
            renewalVersion = Record(runs, "renewal", renewal.Model, dataVersion, asOf, ["renewals_kept", "lost"],
                RunJson.Serialize(new
                {
                    renewal.Model,
                    Alpha = renewal.Fit?.Alpha,
                    Beta = renewal.Fit?.Beta,
                    LogLikelihood = renewal.Fit?.LogLikelihood,
                    renewal.RefusalRate,
                    renewal.Contracts,
                    renewal.ContractsLost,
                    Fit = renewal.Fit?.Estimation is { } estimation ? FitReport.Of(estimation, RenewalScoring.ShiftedBetaGeometric) : null,
                }));
            if (renewal.Fit?.Estimation is { } sbg)
            {
                fits.Add(FitReport.Of(sbg, RenewalScoring.ShiftedBetaGeometric));
            }

            renewalScores = [.. renewal.Accounts.Select(a => new AccountRenewalScore(a.AccountId, a.ContractId, a.CancelBy, a.NonRenewalProbability))];
        }

        return new LifetimeScores(clvVersion, clvScores, renewalVersion, renewalScores) { Fits = fits };
    }

    private static string Record(ModelRunRows runs, string model, string algorithm, long dataVersion, DateOnly asOf,
        IReadOnlyList<string> features, string metricsJson)
    {
        var id = runs.NextRunId();
        var trainedAt = DateTimeOffset.UtcNow;
        var version = string.Create(CultureInfo.InvariantCulture, $"{model}-{trainedAt:yyyyMMdd}-{id}");
        runs.Insert(new ModelRunRecord(id, model, version, algorithm, trainedAt, dataVersion, null, asOf, null, features,
            metricsJson, null, true, "refitted at every scoring pass on all history up to as_of (a likelihood fit with no holdout to lose on)",
            Encoding.UTF8.GetBytes(metricsJson)));
        return version;
    }

    private static ClvOptions Options(DuckDBConnection connection)
    {
        var values = MartSettings.All(connection).ToDictionary(s => s.Key, s => s.Value);
        double Number(string key) => double.TryParse(values.GetValueOrDefault(key), CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v : throw new WarehouseException($"The setting {key} must be a number of at least 0, not '{values.GetValueOrDefault(key)}'.");
        var months = Number("clv.horizon_months");
        return months == Math.Floor(months) && months >= 1
            ? new ClvOptions((int)months, Number("clv.annual_discount_rate"), Number("clv.margin"))
            : throw new WarehouseException($"The setting clv.horizon_months must be a whole number above 0, not '{values["clv.horizon_months"]}'.");
    }
}
