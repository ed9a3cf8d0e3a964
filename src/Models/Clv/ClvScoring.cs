using Analytics.Warehouse.Clv;
using DuckDB.NET.Data;

namespace Analytics.Models.Clv;

/// <summary>
/// Per-account value from a BG/NBD + Gamma-Gamma fit. CLV over H months at a yearly discount rate d:
/// <code>
/// CLV = margin · E[M | x, m] · Σ_{k=1..H} ( E[Y(k·u) | x, t_x, T] − E[Y((k−1)·u) | x, t_x, T] ) / (1 + d)^(k/12)
/// </code>
/// where u is one month in the fit's unit: each month's expected purchases (BG/NBD, eq. 10) times the expected
/// spend per purchase (Gamma-Gamma), discounted from the end of that month.
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
        var summaries = PurchaseSummaries.Read(connection, asOf, unit, mergeDuplicates);
        if (summaries.Count == 0 || !summaries.Any(s => s.Frequency > 0 && s.MeanRepeatSpend > 0))
        {
            return null;
        }

        var fit = ClvModel.Fit(summaries, unit, asOf);
        return new ClvScores(fit, Score(fit, summaries, options));
    }

    public static IReadOnlyList<AccountValue> Score(ClvFit fit, IReadOnlyList<AccountPurchaseSummary> summaries, ClvOptions options)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.HorizonMonths);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AnnualDiscountRate, -1.0);
        return summaries.Select(s => Score(fit, s, options)).ToList();
    }

    public static AccountValue Score(ClvFit fit, AccountPurchaseSummary summary, ClvOptions options)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(options);
        var customer = ClvModel.BgNbdCustomerOf(summary);
        var month = PurchaseTimeUnits.DaysPerMonth / fit.Unit.Days();
        var spend = GammaGammaModel.ConditionalExpectedMeanSpend(fit.GammaGamma, ClvModel.GammaGammaCustomerOf(summary));

        var discountedPurchases = 0.0;
        var before = 0.0;
        for (var k = 1; k <= options.HorizonMonths; k++)
        {
            var byMonthEnd = BgNbdModel.ConditionalExpectedPurchases(fit.BgNbd, customer, k * month);
            discountedPurchases += (byMonthEnd - before) / Math.Pow(1 + options.AnnualDiscountRate, k / 12.0);
            before = byMonthEnd;
        }

        return new AccountValue(
            summary.AccountId,
            before,
            BgNbdModel.ProbabilityAlive(fit.BgNbd, customer),
            Money(spend),
            Money(options.Margin * spend * discountedPurchases));
    }

    // Amounts are stored as DECIMAL(18,2): the model's doubles become money once, here.
    private static decimal Money(double amount) => Math.Round((decimal)amount, 2, MidpointRounding.AwayFromZero);
}
