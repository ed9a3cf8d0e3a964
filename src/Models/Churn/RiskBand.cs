namespace Analytics.Models.Churn;

/// <summary>Churn risk bands by probability: high at or above models.risk_high, medium at or above models.risk_medium, else low.</summary>
public static class RiskBand
{
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";

    public static string Of(double probability, double high, double medium) =>
        probability >= high ? High : probability >= medium ? Medium : Low;
}
