using Analytics.Models.Value;
using Analytics.Warehouse.Features;

namespace Analytics.Models.ValueForecast;

/// <summary>
/// Next-period value from transactions alone: BG/NBD (expected purchases over the horizon, probability alive)
/// times Gamma-Gamma (expected spend per purchase), both fitted on the purchase histories as of one cutoff,
/// time in weeks. An account with no repeat purchase is expected to spend the population's mean per purchase.
/// </summary>
public sealed record BgNbdForecast(BgNbdFit Purchases, GammaGammaFit Spend)
{
    public const string Algorithm = "BG/NBD+Gamma-Gamma";

    public static BgNbdForecast Fit(IReadOnlyList<FeatureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var purchases = BgNbdModel.Fit(rows.Select(Customer).ToList());
        var spend = GammaGammaModel.Fit(rows.Where(r => r.Frequency > 0 && r.MeanRepeatSpend > 0)
            .Select(r => new GammaGammaCustomer(r.Frequency, r.MeanRepeatSpend!.Value)).ToList());
        return new BgNbdForecast(purchases, spend);
    }

    public AccountForecast Predict(FeatureRow row, int horizonDays)
    {
        ArgumentNullException.ThrowIfNull(row);
        var customer = Customer(row);
        var purchases = BgNbdModel.ConditionalExpectedPurchases(Purchases, customer, horizonDays / 7.0);
        var spend = row.Frequency > 0 && row.MeanRepeatSpend > 0
            ? GammaGammaModel.ConditionalExpectedMeanSpend(Spend, new GammaGammaCustomer(row.Frequency, row.MeanRepeatSpend!.Value))
            : Spend.P * Spend.V / (Spend.Q - 1);
        return new AccountForecast(purchases, BgNbdModel.ProbabilityAlive(Purchases, customer), spend, purchases * spend);
    }

    private static BgNbdCustomer Customer(FeatureRow r) => new(r.Frequency, r.RecencyDays / 7.0, r.AgeDays / 7.0);
}

/// <summary>One account's BG/NBD x Gamma-Gamma forecast over the horizon.</summary>
public sealed record AccountForecast(double ExpectedPurchases, double PAlive, double ExpectedSpend, double Value);
