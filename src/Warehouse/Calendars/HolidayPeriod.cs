namespace Analytics.Warehouse;

/// <summary>One whole public-holiday period of a calendar, both ends included.</summary>
public sealed record HolidayPeriod(string Calendar, string Holiday, string Name, DateOnly Start, DateOnly End);
