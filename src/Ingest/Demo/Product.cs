namespace Analytics.Ingest.Demo;

/// <param name="Popularity">how often the product is picked within its category, relative to the others.</param>
/// <param name="TypicalQuantity">units on a line for a mid-sized account; big accounts buy more.</param>
internal sealed record Product(string Id, string Name, string Category, decimal ListPrice, decimal UnitCost, double Popularity, double TypicalQuantity);
