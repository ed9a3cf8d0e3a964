namespace Analytics.Models.Clv;

/// <summary>
/// How far ahead CLV looks (<paramref name="HorizonMonths"/>), the yearly rate future money is discounted at,
/// and the share of spend that is profit (1 values revenue; a 7% margin cap would be 0.07).
/// </summary>
public sealed record ClvOptions(int HorizonMonths = 12, double AnnualDiscountRate = 0.10, double Margin = 1.0)
{
    /// <summary>Parameter draws of the parametric bootstrap behind each account's 90% intervals; 0 for no intervals.</summary>
    public int IntervalDraws { get; init; }

    /// <summary>Fixes the draws, so a pass scored twice on the same data gives the same intervals.</summary>
    public int IntervalSeed { get; init; } = 19;

    /// <summary>
    /// Compare BG/NBD with Pareto/NBD on the book's own holdout (the horizon's length before the scoring day) and
    /// value the accounts with the better one; otherwise BG/NBD values them.
    /// </summary>
    public bool ChooseModelOnHoldout { get; init; }

    /// <summary>
    /// Correct each 80/20 tier's values by how far the models missed that tier's spend per purchase on the book's own
    /// latest period (<see cref="TierCalibration"/>).
    /// </summary>
    public bool CalibrateTiers { get; init; }

    /// <summary>Gamma-Gamma values each account's spend per purchase from its recent purchases (<see cref="RecentSpend"/>).</summary>
    public bool RecentSpend { get; init; }
}
