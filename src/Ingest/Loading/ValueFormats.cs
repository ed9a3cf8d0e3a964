using Analytics.Warehouse;
namespace Analytics.Ingest.Loading;

/// <summary>
/// How text values in a file are read: which strings mean "no value", strptime formats for
/// dates and timestamps that are not ISO, and the time zone of timestamps without an offset.
/// </summary>
public sealed record ValueFormats
{
    public const string DefaultTimeZone = "Asia/Shanghai";

    public IReadOnlyList<string> NullValues { get; init; } = [""];

    public string? DateFormat { get; init; }

    public string? TimestampFormat { get; init; }

    public string TimeZone { get; init; } = DefaultTimeZone;

    /// <summary>
    /// Values the whole source shares (a mapping's <c>time_zone</c> and <c>holiday_calendar</c>): canonical column -> value,
    /// filling that column where the file has none, so one export's tickets keep their own zone and calendar.
    /// </summary>
    public IReadOnlyDictionary<string, string> SourceValues { get; init; } = new Dictionary<string, string>();
}
