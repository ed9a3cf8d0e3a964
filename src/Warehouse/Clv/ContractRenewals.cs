using DuckDB.NET.Data;

namespace Analytics.Warehouse.Clv;

/// <summary>Runs contract_renewals.sql over the contract marts (build them first: analytics refresh).</summary>
public static class ContractRenewals
{
    private static readonly SqlModel Model = SqlModel.Read("Clv/contract_renewals.sql");

    public static IReadOnlyList<ContractRenewal> Read(DuckDBConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Rows(
            Model.Sql,
            r => new ContractRenewal(
                r.GetString(0),
                r.GetString(1),
                checked((int)r.GetInt64(2)),
                r.GetBoolean(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4)));
    }
}
