using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.ReportApi.OData;

/// <summary>
/// Runs a request's statements on its connection; when the request is aborted or its time is up, DuckDB is
/// interrupted (<see cref="RunningStatement"/>).
/// </summary>
/// <param name="request">the request's path and query, recorded with each statement.</param>
internal sealed class QueryRunner(DuckDBConnection connection, string request, CancellationToken cancellation)
{
    public List<object?[]> Read(string sql, object?[] parameters) => Run(sql, parameters, command =>
    {
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

        return rows;
    });

    public long Count(string sql, object?[] parameters) =>
        Run(sql, parameters, command => Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));

    private T Run<T>(string sql, object?[] parameters, Func<DuckDBCommand, T> execute)
    {
        using var command = connection.Command(sql, parameters);
        using var statement = new RunningStatement(command, request, cancellation);
        cancellation.ThrowIfCancellationRequested();
        T result;
        try
        {
            result = execute(command);
        }
        catch (Exception e) when (e is DuckDBException or OperationCanceledException && cancellation.IsCancellationRequested)
        {
            statement.Interrupted();
            throw;
        }

        cancellation.ThrowIfCancellationRequested();
        return result;
    }
}
