namespace Analytics.ReportApi.Charts;

/// <summary>The two languages the dashboard and the charts speak.</summary>
internal enum Language
{
    Zh,
    En,
}
