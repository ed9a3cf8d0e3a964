using DuckDB.NET.Data;

namespace Analytics.Warehouse.Marts;

/// <summary>The day the marts are computed for (marts.as_of): the day training and scoring passes work as of.</summary>
public static class MartsAsOf
{
    public static DateOnly Read(DuckDBConnection connection) =>
        connection.Scalar<long>("select count(*) from information_schema.tables where table_schema = 'marts' and table_name = 'as_of'") == 0
            ? throw new WarehouseException("The marts are not built yet; run 'analytics refresh' first.")
            : connection.Rows("select as_of_date from marts.as_of", r => DateOnly.FromDateTime(r.GetDateTime(0))).Single();
}
