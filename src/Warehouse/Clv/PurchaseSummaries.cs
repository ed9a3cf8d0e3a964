using System.Reflection;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Clv;

/// <summary>Runs transaction_summary.sql: every account's repeat-buying summary as of a calibration end.</summary>
/// <remarks>
/// With <c>mergeDuplicates</c> an account is a company: the orders of merged duplicates (marts.account_merge_map,
/// built by a refresh) count as their master's, as every segmentation mart counts them.
/// </remarks>
public static class PurchaseSummaries
{
    private static readonly string Sql = Migrator.ReadResource(Assembly.GetExecutingAssembly(), "Clv/transaction_summary.sql");

    public static IReadOnlyList<AccountPurchaseSummary> Read(DuckDBConnection connection, DateOnly calibrationEnd, PurchaseTimeUnit unit,
        bool mergeDuplicates = false)
    {
        ArgumentNullException.ThrowIfNull(connection);
        const string byMaster = "(select o.* replace (coalesce(m.master_account_id, o.account_id) as account_id) "
            + "from core.orders o left join marts.account_merge_map m using (account_id))";
        return connection.Rows(
            Sql.Replace("{{orders}}", mergeDuplicates ? byMaster : "core.orders", StringComparison.Ordinal),
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
