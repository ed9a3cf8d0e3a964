namespace Analytics.Warehouse.Clv;

public static class PurchaseTimeUnits
{
    /// <summary>A month is the mean Gregorian month, 365.25 / 12 days, so every month weighs the same.</summary>
    public const double DaysPerMonth = 365.25 / 12;

    public static double Days(this PurchaseTimeUnit unit) => unit switch
    {
        PurchaseTimeUnit.Day => 1,
        PurchaseTimeUnit.Week => 7,
        PurchaseTimeUnit.Month => DaysPerMonth,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit."),
    };

    /// <summary>day, week or month, as the command line spells them; null for anything else.</summary>
    public static PurchaseTimeUnit? Parse(string text) => text switch
    {
        "day" => PurchaseTimeUnit.Day,
        "week" => PurchaseTimeUnit.Week,
        "month" => PurchaseTimeUnit.Month,
        _ => null,
    };
}
