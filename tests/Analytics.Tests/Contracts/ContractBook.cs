using System.Data.Common;
using Analytics.Tests.Support;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Contracts;

/// <summary>A warehouse filled from small CSVs through the real loader, its marts built as of a given day.</summary>
internal static class ContractBook
{
    public const string Accounts = "account_id,name\nA1,甲方\nA2,乙方\nA3,丙方\n";

    public static TestWarehouse Open(string asOf, IEnumerable<(string File, string Csv)> files, params (string Key, string Value)[] settings)
    {
        var warehouse = new TestWarehouse();
        foreach (var (file, csv) in files.Prepend(("accounts.csv", Accounts)))
        {
            var report = warehouse.LoadText(file, csv);
            Assert.True(report.Counts.Read == report.Counts.Loaded, $"{file}: {string.Join("; ", report.Rejects)}");
        }

        warehouse.RefreshMarts([("as_of_date", asOf), .. settings]);
        return warehouse;
    }

    public static DateOnly? Date(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);

    public static string? Text(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? Whole(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public static decimal? Money(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);

    public static bool? YesNo(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetBoolean(ordinal);
}
