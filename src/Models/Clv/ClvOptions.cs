namespace Analytics.Models.Clv;

/// <summary>
/// How far ahead CLV looks (<paramref name="HorizonMonths"/>), the yearly rate future money is discounted at,
/// and the share of spend that is profit (1 values revenue; a 7% margin cap would be 0.07).
/// </summary>
public sealed record ClvOptions(int HorizonMonths = 12, double AnnualDiscountRate = 0.10, double Margin = 1.0);
