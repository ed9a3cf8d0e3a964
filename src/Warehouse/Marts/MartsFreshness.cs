namespace Analytics.Warehouse.Marts;

/// <summary>
/// The data version the warehouse holds and the one its marts were built from (null before the first refresh that
/// recorded it). Behind means a load committed without the rebuild after it.
/// </summary>
public sealed record MartsFreshness(long DataVersion, long? MartsVersion)
{
    public bool Current => MartsVersion == DataVersion;
}
