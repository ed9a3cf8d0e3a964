using System.Reflection;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Clv;

/// <summary>Runs transaction_summary.sql: every account's repeat-buying summary as of a calibration end.</summary>
public static class PurchaseSummaries
{
    private static readonly string Sql = Migrator.ReadResource(Assembly.GetExecutingAssembly(), "Clv/transaction_summary.sql");

    public static IReadOnlyList<AccountPurchaseSummary> Read(DuckDBConnection connection, DateOnly calibrationEnd, PurchaseTimeUnit unit)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Rows(
            Sql,
            r => new AccountPurchaseSummary(
                r.GetString(0),
                checked((int)r.GetInt64(1)),
                r.GetDouble(2),
                r.GetDouble(3),
                r.GetDecimal(4),
                r.GetFieldValue<DateOnly>(5),
                r.GetFieldValue<DateOnly>(6)),
            calibrationEnd.ToDateTime(TimeOnly.MinValue),
            unit.Days());
    }
}
