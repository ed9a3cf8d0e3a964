using Analytics.Warehouse.Clv;
using DuckDB.NET.Data;

namespace Analytics.Models.Clv;

/// <summary>
/// Per-account value from a purchase model (BG/NBD or Pareto/NBD) and Gamma-Gamma. CLV over H months at a yearly
/// discount rate d:
/// <code>
/// CLV = margin · E[M | x, m] · Σ_{k=1..H} ( E[Y(k·u) | x, t_x, T] − E[Y((k−1)·u) | x, t_x, T] ) / (1 + d)^(k/12)
/// </code>
/// where u is one month in the fit's unit: each month's expected purchases times the expected spend per purchase
/// (Gamma-Gamma), discounted from the end of that month.
/// </summary>
public static class ClvScoring
{
    /// <summary>
    /// Fits on every account's orders up to <paramref name="asOf"/> and values each account that bought by then
    /// over the next months. Null when the orders cannot be fitted: none yet, or no account bought twice.
    /// </summary>
    /// <param name="mergeDuplicates">true to value companies: a master account with its duplicates' orders.</param>
    public static ClvScores? Run(DuckDBConnection connection, DateOnly asOf, ClvOptions options, PurchaseTimeUnit unit = PurchaseTimeUnit.Week,
        bool mergeDuplicates = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        var summaries = PurchaseSummaries.Read(connection, asOf, unit, mergeDuplicates);
        if (summaries.Count == 0 || !summaries.Any(s => s.Frequency > 0 && s.MeanRepeatSpend > 0))
        {
            return null;
        }

        var (choice, calibration) = options.ChooseModelOnHoldout || options.CalibrateTiers
            ? ClvBacktest.Run(connection, summaries, asOf, unit, mergeDuplicates, options)
            : (null, null);
        var rule = RevenueTiers.FromSettings(connection);
        var windowStart = options.RecentSpend || calibration is not null
            ? PurchaseSummaries.Read(connection, rule.WindowStart(asOf), unit, mergeDuplicates)
            : [];
        var spenders = options.RecentSpend ? RecentSpend.Of(summaries, windowStart) : null;
        var fit = ClvModel.Fit(summaries, unit, asOf, choice?.Chosen ?? BgNbdFit.Name) with { Choice = choice, Calibration = calibration };
        var values = Score(fit, summaries, options, spenders);
        if (calibration is not null)
        {
            values = calibration.Apply(values, summaries, rule.Of(summaries, windowStart));
        }

        return new ClvScores(fit, values);
    }

    /// <param name="spenders">each account's spend history for Gamma-Gamma, in the summaries' order; by default its repeat purchases.</param>
    public static IReadOnlyList<AccountValue> Score(ClvFit fit, IReadOnlyList<AccountPurchaseSummary> summaries, ClvOptions options,
        IReadOnlyList<GammaGammaCustomer>? spenders = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.HorizonMonths);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AnnualDiscountRate, -1.0);
        var spending = spenders ?? [.. summaries.Select(ClvModel.GammaGammaCustomerOf)];
        var horizon = MonthlyHorizon.Of(fit, options);
        var values = summaries.Select((s, i) => Score(fit, s, options, spending[i], horizon)).ToList();
        return options.IntervalDraws > 0 ? ClvIntervals.Attach(fit, summaries, spending, values, options) : values;
    }

    public static AccountValue Score(ClvFit fit, AccountPurchaseSummary summary, ClvOptions options, GammaGammaCustomer? spender = null) =>
        Score(fit, summary, options, spender, MonthlyHorizon.Of(fit, options));

    private static AccountValue Score(ClvFit fit, AccountPurchaseSummary summary, ClvOptions options, GammaGammaCustomer? spender, MonthlyHorizon horizon)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(options);
        var customer = ClvModel.BgNbdCustomerOf(summary);
        var alive = fit.Purchases.ProbabilityAlive(customer);
        var (purchases, discounted) = horizon.Sum(fit.Purchases, customer, alive);
        var spend = GammaGammaModel.ConditionalExpectedMeanSpend(fit.GammaGamma, spender ?? ClvModel.GammaGammaCustomerOf(summary));
        return new AccountValue(
            summary.AccountId,
            purchases,
            alive,
            Money(spend),
            Money(options.Margin * spend * discounted));
    }

    // Amounts are stored as DECIMAL(18,2): the model's doubles become money once, here.
    internal static decimal Money(double amount) => Math.Round((decimal)amount, 2, MidpointRounding.AwayFromZero);
}
