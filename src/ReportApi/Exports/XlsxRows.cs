namespace Analytics.ReportApi.Exports;

/// <summary>
/// A query's rows as the dictionaries MiniExcel writes, one at a time: numbers stay numbers, days and instants
/// become Excel dates (instants in UTC). A sheet holds at most <see cref="MaxRows"/> rows under its header, so a
/// longer answer stops the writing with an error instead of becoming a sheet that silently lacks rows.
/// </summary>
internal static class XlsxRows
{
    public const int MaxRows = 1_048_575;

    /// <param name="read">moves to the next row; the reader is on the first row already.</param>
    public static IEnumerable<IDictionary<string, object?>> Of(IReadOnlyList<string> columns, Func<bool> read, Func<int, object?> value)
    {
        var count = 0;
        do
        {
            if (++count > MaxRows)
            {
                throw new TooManyRowsException();
            }

            var row = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                row[columns[i]] = value(i) switch
                {
                    DBNull => null,
                    DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                    DateTimeOffset t => t.UtcDateTime,
                    TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
                    var v => v,
                };
            }

            yield return row;
        }
        while (read());
    }

    /// <summary>The header alone, for an answer with no rows (written without MiniExcel's own header, which it leaves out then).</summary>
    public static IEnumerable<IDictionary<string, object?>> HeaderOnly(IReadOnlyList<string> columns) =>
        [columns.ToDictionary(c => c, c => (object?)c, StringComparer.Ordinal)];

    public sealed class TooManyRowsException() : Exception($"An Excel sheet holds at most {MaxRows:N0} rows.");
}
