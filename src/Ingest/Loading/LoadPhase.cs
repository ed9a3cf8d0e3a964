using Analytics.Warehouse;
namespace Analytics.Ingest.Loading;

/// <summary>A step of a load, and how many rows it works on when that is known.</summary>
public sealed record LoadPhase(string Name, long? Rows = null);
