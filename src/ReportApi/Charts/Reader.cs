using System.Data.Common;
using Analytics.Warehouse;

namespace Analytics.ReportApi.Charts;

/// <summary>
/// Column reads, by name, that tolerate DuckDB's numeric types (HUGEINT sums, DECIMAL, DOUBLE) and nulls: a chart
/// draws a missing figure as zero. A column the query lacks fails as <see cref="RowReader"/> says, naming it.
/// </summary>
internal static class Reader
{
    public static decimal Decimal(DbDataReader r, string column) =>
        Value(r, column) is var v && v is DBNull ? 0m : Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture);

    public static decimal? NullableDecimal(DbDataReader r, string column) =>
        Value(r, column) is var v && v is DBNull ? null : Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture);

    public static long Long(DbDataReader r, string column) =>
        Value(r, column) is var v && v is DBNull ? 0 : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);

    public static string Text(DbDataReader r, string column) =>
        Value(r, column) is var v && v is DBNull ? "" : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public static DateOnly Date(DbDataReader r, string column) => Value(r, column) switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        var v => throw new InvalidCastException($"{column} is {v.GetType().Name}, not a date."),
    };

    private static object Value(DbDataReader r, string column) => r.GetValue(r.Ordinal(column));
}
