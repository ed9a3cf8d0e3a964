using Analytics.Ingest.Entities;
using Analytics.Warehouse;
using DuckDB.NET.Data;
using static Analytics.Warehouse.SqlExtensions;

namespace Analytics.Ingest.Loading;

/// <summary>
/// Records in meta.load_changes, inside the load's transaction, the orders and tickets the load writes or replaces (with their accounts and the
/// contracts they name; an order's lines count as the order), so that the refresh after it rebuilds only their marts' rows. Rows of other entities are
/// not recorded: the refresh compares those inputs whole and rebuilds every mart when one changed.
/// </summary>
internal static class ChangedAccounts
{
    /// <param name="rows">a query of the entity's rows, written or about to be replaced.</param>
    public static void Record(DuckDBConnection connection, EntitySchema entity, string rows)
    {
        var accounts = entity.Table switch
        {
            "core.orders" => $"select account_id, contract_id, order_id, null as ticket_id from ({rows})",
            "core.tickets" => $"select account_id, contract_id, null as order_id, ticket_id from ({rows})",
            // A line belongs to its order's account; an order moved to another account was recorded by its own load.
            "core.order_lines" => $"select o.account_id, o.contract_id, o.order_id, null as ticket_id from (select distinct order_id from ({rows})) l join core.orders o using (order_id)",
            _ => null,
        };
        // Before the marts' first build there is nothing to refresh by rows: the first refresh rebuilds everything.
        if (accounts is null || connection.Scalar<long?>("select version from meta.marts_version") is null)
        {
            return;
        }

        // The version this load raises the data to, in the same transaction that raises it.
        connection.Execute($"""
            insert into meta.load_changes (data_version, entity, account_id, contract_id, order_id, ticket_id)
            select distinct (select version + 1 from meta.data_version), {Literal(entity.Name)}, * from ({accounts})
            """);
    }
}
