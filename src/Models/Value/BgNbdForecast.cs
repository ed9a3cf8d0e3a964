using Analytics.Models.Clv;
using Analytics.Models.Numerics;
using Analytics.Warehouse.Features;

namespace Analytics.Models.Value;

/// <summary>
/// Next-period value from transactions alone: BG/NBD (expected purchases over the horizon, probability alive)
/// times Gamma-Gamma (expected spend per purchase), both fitted on the purchase histories as of one cutoff,
/// time in weeks, spend in thousands. An account with no repeat purchase is expected to spend the population's mean per purchase.
/// </summary>
public sealed record BgNbdForecast(BgNbdFit Purchases, GammaGammaFit Spend)
{
    public const string Algorithm = "BG/NBD+Gamma-Gamma";

    /// <summary>
    /// The seven parameters describe the whole population, so a fixed sample of this many accounts estimates them
    /// well, and keeps the maximum-likelihood fit to seconds for a book of 100,000 accounts.
    /// </summary>
    public const int FitSample = 5000;

    public static BgNbdForecast Fit(IReadOnlyList<FeatureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        // Every k-th row of a list ordered by account: the same data always gives the same sample.
        var step = Math.Max(1, (int)Math.Ceiling(rows.Count / (double)FitSample));
        var sample = rows.Where((_, i) => i % step == 0).ToList();
        var customers = sample.GroupBy(Customer).Select(g => (Customer: g.Key, Weight: (double)g.Count())).ToArray();
        var purchases = Bounded(4, p =>
        {
            var (r, alpha, a, b) = (Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]));
            return -customers.Sum(c => c.Weight * BgNbdModel.LogLikelihood(c.Customer, r, alpha, a, b));
        });
        var spenders = sample.Where(r => r.Frequency > 0 && r.MeanRepeatSpend > 0)
            .GroupBy(r => new GammaGammaCustomer(r.Frequency, r.MeanRepeatSpend!.Value / SpendUnit))
            .Select(g => (Customer: g.Key, Weight: (double)g.Count())).ToArray();
        var spend = Bounded(3, p =>
        {
            var (q, v) = (Math.Exp(p[1]), Math.Exp(p[2]));
            return -spenders.Sum(c => c.Weight * GammaGammaModel.LogLikelihood(c.Customer, Math.Exp(p[0]), q, v));
        });
        return new BgNbdForecast(
            new BgNbdFit(Math.Exp(purchases.Point[0]), Math.Exp(purchases.Point[1]), Math.Exp(purchases.Point[2]), Math.Exp(purchases.Point[3]), -purchases.Value),
            new GammaGammaFit(Math.Exp(spend.Point[0]), Math.Exp(spend.Point[1]), Math.Exp(spend.Point[2]), -spend.Value));
    }

    /// <summary>
    /// Maximum likelihood with every log-parameter kept within ±<see cref="LogBound"/>. Key accounts buy so
    /// regularly that the likelihood can keep rising as a parameter runs off to infinity (no heterogeneity left to
    /// model); unbounded, the simplex follows it for tens of thousands of steps. At the bound the model is, for
    /// every forecast, the limit it was running towards.
    /// </summary>
    private static (double[] Point, double Value) Bounded(int dimensions, Func<double[], double> negativeLogLikelihood)
    {
        double Objective(double[] p) => p.Any(x => Math.Abs(x) > LogBound) ? double.PositiveInfinity : negativeLogLikelihood(p);
        var best = NelderMead.Minimise(Objective, new double[dimensions]);
        return (best, Objective(best));
    }

    private const double LogBound = 10;

    /// <summary>Spend is fitted in thousands, so the Gamma-Gamma scale stays well inside the bound (the model is scale-free).</summary>
    private const double SpendUnit = 1000;

    public AccountForecast Predict(FeatureRow row, int horizonDays)
    {
        ArgumentNullException.ThrowIfNull(row);
        var customer = Customer(row);
        var purchases = BgNbdModel.ConditionalExpectedPurchases(Purchases, customer, horizonDays / 7.0);
        var spend = row.Frequency > 0 && row.MeanRepeatSpend > 0
            ? SpendUnit * GammaGammaModel.ConditionalExpectedMeanSpend(Spend, new GammaGammaCustomer(row.Frequency, row.MeanRepeatSpend!.Value / SpendUnit))
            : SpendUnit * Spend.P * Spend.V / (Spend.Q - 1);
        return new AccountForecast(purchases, BgNbdModel.ProbabilityAlive(Purchases, customer), spend, purchases * spend);
    }

    private static BgNbdCustomer Customer(FeatureRow r) => new(r.Frequency, r.RecencyDays / 7.0, r.AgeDays / 7.0);
}

/// <summary>One account's BG/NBD x Gamma-Gamma forecast over the horizon.</summary>
public sealed record AccountForecast(double ExpectedPurchases, double PAlive, double ExpectedSpend, double Value);
