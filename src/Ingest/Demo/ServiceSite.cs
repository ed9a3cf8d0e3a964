namespace Analytics.Ingest.Demo;

/// <summary>
/// A service station and its engineers. Slowness multiplies the chance of a breached SLA: some
/// stations and some engineers are slower, and some months a station is short of hands.
/// </summary>
internal sealed record ServiceSite(string Name, string[] Engineers, double[] EngineerSlowness, double Slowness, double[] MonthlyLoad);
