using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.ReportApi.OData;

/// <summary>Runs a request's statements on its connection; when the request is aborted or its time is up, DuckDB is interrupted.</summary>
internal sealed class QueryRunner(DuckDBConnection connection, CancellationToken cancellation)
{
    public List<object?[]> Read(string sql, object?[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        using var interrupt = cancellation.Register(command.Cancel);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        cancellation.ThrowIfCancellationRequested();
        return rows;
    }

    public long Count(string sql, object?[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        using var interrupt = cancellation.Register(command.Cancel);
        var count = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        cancellation.ThrowIfCancellationRequested();
        return count;
    }
}
