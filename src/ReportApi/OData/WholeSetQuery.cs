using System.Data.Common;
using Analytics.ReportApi.Access;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.ReportApi.OData;

/// <summary>
/// A whole entity set read as one statement, for the streams that take no paging (Arrow, CSV): the OData query
/// options $filter, $select, $orderby, $top and $skip, narrowed by the request's access scope, with the service's
/// time limit. The reader is open until this is disposed.
/// </summary>
internal sealed class WholeSetQuery : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly DuckDBConnection _connection;
    private readonly DuckDBCommand _command;
    private readonly CancellationTokenRegistration _interrupt;

    public IReadOnlyList<RelationColumn> Columns { get; }

    public DbDataReader Reader { get; }

    /// <summary>Cancelled when the client goes away or the time limit passes.</summary>
    public CancellationToken Token => _timeout.Token;

    /// <param name="example">how a request for this stream looks, for the error a keyed or navigating request gets.</param>
    public WholeSetQuery(HttpContext http, string set, ODataModelProvider provider, WarehouseDatabase database, ODataLimits limits, string example)
    {
        var model = provider.Model;
        var root = ODataEndpoints.ServiceRoot(http.Request);
        var request = ODataRequest.Parse(model, root, new Uri(root, Uri.EscapeDataString(set) + http.Request.QueryString), limits);
        if (request.IsSingle || request.IsCountSegment || request.Navigation is not null)
        {
            throw ODataProblem.NotImplemented($"This stream serves whole entity sets: {example}");
        }

        var (sql, parameters, columns) = new ODataQuery(model, request, AccessScope.Of(http), limits).Statement();
        Columns = columns;
        _timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        _timeout.CancelAfter(TimeSpan.FromSeconds(limits.RequestTimeoutSeconds));
        _connection = database.Connect();
        _command = _connection.Command(sql, parameters);
        _interrupt = _timeout.Token.Register(_command.Cancel);
        Reader = _command.ExecuteReader();
    }

    public void Dispose()
    {
        Reader.Dispose();
        _interrupt.Dispose();
        _command.Dispose();
        _connection.Dispose();
        _timeout.Dispose();
    }
}
