namespace Analytics.Ingest.Demo;

/// <param name="AreaCode">the six-digit administrative division code that opens a unified social credit code's region part.</param>
/// <param name="Weight">how many key accounts the city holds, relative to the others.</param>
internal sealed record City(string Name, string Pinyin, string Region, string AreaCode, double Weight)
{
    /// <summary>The supplier's service station for the city: tickets are answered from here.</summary>
    public string Site => Name + "服务站";
}
