namespace Analytics.Models.Clv;

/// <summary>
/// One customer's purchases over a period: the expectation with its 90% interval under parameter uncertainty, and
/// the 90% predictive interval <paramref name="Low"/>–<paramref name="High"/> of the count itself with the model's
/// probability of it (<paramref name="Content"/>, at least 0.90: counts are whole numbers).
/// </summary>
public sealed record PurchaseInterval(double Expected, double ExpectedLow, double ExpectedHigh, int Low, int High, double Content);
