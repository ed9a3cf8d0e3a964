namespace Analytics.Ingest.Demo;

/// <param name="Popularity">how often the product is picked within its category, relative to the others.</param>
/// <param name="TypicalQuantity">units on a line for a mid-sized account; big accounts buy more.</param>
internal sealed record Product(string Id, string Name, string Category, decimal ListPrice, decimal UnitCost, double Popularity, double TypicalQuantity)
{
    // Prices in cents: order lines are priced in whole numbers, so ten million of them cost no decimal arithmetic.
    public long ListPriceCents { get; } = (long)(ListPrice * 100);

    public long UnitCostCents { get; } = (long)(UnitCost * 100);

    /// <summary>Desktops and laptops: what group purchases (9+ units) are made of.</summary>
    public bool IsComputer { get; } = Category is ProductCatalog.Desktop or ProductCatalog.Laptop;

    /// <summary>Working days from order to delivery and invoice, at most: servers and network gear take longest, service none.</summary>
    public int DeliveryDays { get; } = Category switch
    {
        ProductCatalog.Server or ProductCatalog.Switch => 11,
        ProductCatalog.Service => 0,
        _ => 3,
    };
}
