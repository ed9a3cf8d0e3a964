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
    DateOnly CalibrationEnd);
