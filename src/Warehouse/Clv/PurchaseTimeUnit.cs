namespace Analytics.Warehouse.Clv;

/// <summary>The unit recency and age are counted in; the models' parameters (α, the horizon) are in it too.</summary>
public enum PurchaseTimeUnit
{
    Day,
    Week,
    Month,
}
