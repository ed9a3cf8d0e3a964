namespace Analytics.Warehouse.Marts;

/// <summary>The data version against the marts', the fingerprint of the other inputs, and why a full rebuild is due (null: none is).</summary>
internal sealed record MartsState(MartsFreshness Freshness, string Inputs, string? WhyFull)
{
    public string? WhyNotCurrent => WhyFull
        ?? (Freshness.Current ? null : $"a load committed data version {Freshness.DataVersion} after the marts were built from {Freshness.MartsVersion}");
}
