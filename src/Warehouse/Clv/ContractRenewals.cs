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
                r.Get<string>("contract_id"),
                r.Get<string>("account_id"),
                r.Get<int>("renewals_kept"),
                r.Get<bool>("lost"),
                r.Get<DateOnly?>("cancel_by")));
    }
}
