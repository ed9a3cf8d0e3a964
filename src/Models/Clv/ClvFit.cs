using Analytics.Models.Numerics;
using Analytics.Warehouse.Clv;

namespace Analytics.Models.Clv;

/// <summary>
/// BG/NBD and Gamma-Gamma fitted together on one calibration period: how many accounts bought in it, how many
/// of them bought again (Gamma-Gamma's sample), the unit their times are in and the day the period ends.
/// </summary>
public sealed record ClvFit(
    int Customers,
    int RepeatCustomers,
    BgNbdFit BgNbd,
    GammaGammaFit GammaGamma,
    PurchaseTimeUnit Unit,
    DateOnly CalibrationEnd)
{
    /// <summary>The purchase model that values the accounts: BG/NBD, or Pareto/NBD where the book's holdout chose it.</summary>
    public IRepeatPurchaseFit Purchases { get; init; } = BgNbd;

    /// <summary>Pareto/NBD on the same summaries, when it was fitted too.</summary>
    public ParetoNbdFit? ParetoNbd { get; init; }

    /// <summary>How the purchase model was chosen (null when BG/NBD was used without a holdout comparison).</summary>
    public PurchaseModelChoice? Choice { get; init; }

    /// <summary>Each tier's correction learnt on the book's latest period (null when not asked for or the book is too young).</summary>
    public TierCalibration? Calibration { get; init; }

    /// <summary>Every likelihood fit behind the CLV, as reports show them: BG/NBD, Pareto/NBD when fitted, Gamma-Gamma.</summary>
    public IReadOnlyList<FitReport> Fits() =>
    [
        .. new (Estimation? Estimation, string Model)[] { (BgNbd.Estimation, BgNbdFit.Name), (ParetoNbd?.Estimation, ParetoNbdFit.Name), (GammaGamma.Estimation, "Gamma-Gamma") }
            .Where(f => f.Estimation is not null)
            .Select(f => FitReport.Of(f.Estimation!, f.Model)),
    ];
}
