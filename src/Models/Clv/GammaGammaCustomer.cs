namespace Analytics.Models.Clv;

/// <summary>A repeat customer's <paramref name="Frequency"/> repeat transactions (x) and their mean spend (m).</summary>
public sealed record GammaGammaCustomer(int Frequency, double MeanSpend);
