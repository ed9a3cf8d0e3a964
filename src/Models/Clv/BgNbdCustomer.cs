namespace Analytics.Models.Clv;

/// <summary>
/// One customer's calibration-period summary: <paramref name="Frequency"/> repeat purchases (x), the time of
/// the last one since the first purchase (<paramref name="Recency"/>, t_x) and the time since the first
/// purchase (<paramref name="Age"/>, T), all in the same time unit.
/// </summary>
public sealed record BgNbdCustomer(int Frequency, double Recency, double Age);
