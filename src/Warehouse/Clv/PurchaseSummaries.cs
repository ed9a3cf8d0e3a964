using DuckDB.NET.Data;

namespace Analytics.Warehouse.Clv;

/// <summary>Runs transaction_summary.sql: every account's repeat-buying summary as of a calibration end.</summary>
/// <remarks>
/// With <c>mergeDuplicates</c> an account is a company: the orders of merged duplicates (marts.account_merge_map,
/// built by a refresh) count as their master's, as every segmentation mart counts them.
/// </remarks>
public static class PurchaseSummaries
{
    private const string ByMaster = "(select o.* replace (coalesce(m.master_account_id, o.account_id) as account_id) "
        + "from core.orders o left join marts.account_merge_map m using (account_id))";

    private static readonly SqlModel Model = SqlModel.Read("Clv/transaction_summary.sql");

    public static IReadOnlyList<AccountPurchaseSummary> Read(DuckDBConnection connection, DateOnly calibrationEnd, PurchaseTimeUnit unit,
        bool mergeDuplicates = false)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Rows(
            Query(mergeDuplicates),
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

    /// <summary>The model's text with its orders in: $1 is the calibration end, $2 the unit's days.</summary>
    public static string Query(bool mergeDuplicates) =>
        Model.Sql.Replace("{{orders}}", mergeDuplicates ? ByMaster : "core.orders", StringComparison.Ordinal);
}
