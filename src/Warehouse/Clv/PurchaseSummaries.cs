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
                r.Get<string>("account_id"),
                r.Get<int>("frequency"),
                r.Get<double>("recency"),
                r.Get<double>("age"),
                r.Get<decimal>("repeat_spend"),
                r.Get<DateOnly>("first_purchase"),
                r.Get<DateOnly>("last_purchase"))
            {
                TotalSpend = r.Get<decimal>("total_spend"),
            },
            calibrationEnd.ToDateTime(TimeOnly.MinValue),
            unit.Days());
    }

    /// <summary>"Today" as the marts see it, without needing them built: the as_of_date setting, else the latest order day.</summary>
    public static DateOnly? DefaultCalibrationEnd(DuckDBConnection connection) =>
        connection.Rows(
            """
            select coalesce((select try_cast(value as date) from meta.settings where key = 'as_of_date'),
                            (select max(order_date) from core.orders))
            """,
            r => r.IsDBNull(0) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(0))[0];

    /// <summary>The model's text with its orders in: $1 is the calibration end, $2 the unit's days.</summary>
    public static string Query(bool mergeDuplicates) =>
        Model.Sql.Replace("{{orders}}", mergeDuplicates ? ByMaster : "core.orders", StringComparison.Ordinal);
}
