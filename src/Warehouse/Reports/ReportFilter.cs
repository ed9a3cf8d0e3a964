namespace Analytics.Warehouse.Reports;

/// <summary>
/// What a chart, tile or table is asked for: the window in calendar months ending with the as_of month, and an
/// optional 80/20 tier (A, B, C) and region narrowing the companies; null means all.
/// </summary>
public sealed record ReportFilter(int WindowMonths, string? Tier, string? Region)
{
    public static ReportFilter Default { get; } = new(12, null, null);
}
