using System.Globalization;

namespace Analytics.ReportApi.Exports;

/// <summary>
/// Values as CSV fields (RFC 4180): invariant numbers (a decimal keeps its exact digits), ISO dates and times,
/// and quotes only around a field that needs them. Files start with a UTF-8 byte order mark, so Excel shows
/// Chinese right.
/// </summary>
internal static class CsvText
{
    public const string LineEnd = "\r\n";

    public static string Value(object? value) => value switch
    {
        null or DBNull => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        // Timestamps are stored in UTC; one written without its offset would be read as local time.
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z",
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z",
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        float x => x.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string Field(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    /// <summary>
    /// A text value a spreadsheet would take for a formula (it starts with = + - @, a tab or a carriage return, as in
    /// '=HYPERLINK(...)') gets a leading single quote, the way spreadsheets mark text: opening an export runs nothing.
    /// Only text is marked; numbers, dates and the header keep their own form (-1.5 stays a number).
    /// </summary>
    public static string Cell(object? value) =>
        value is string text && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : Value(value);

    public static string Line(IEnumerable<object?> values) => string.Join(',', values.Select(v => Field(Cell(v)))) + LineEnd;
}
