using System.Data.Common;
using System.Diagnostics;
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
    private readonly RunningStatement _statement;
    private readonly HttpContext _http;
    private readonly ODataLimits _limits;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public IReadOnlyList<RelationColumn> Columns { get; }

    public DbDataReader Reader { get; }

    /// <summary>Cancelled when the client goes away or the time limit passes.</summary>
    public CancellationToken Token => _timeout.Token;

    /// <param name="example">how a request for this stream looks, for the error a keyed or navigating request gets.</param>
    public WholeSetQuery(HttpContext http, string set, ODataModelProvider provider, WarehouseDatabase database, ODataLimits limits, string example)
    {
        _http = http;
        _limits = limits;
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
        // Rows come from DuckDB as they are read, not gathered first: a million-row export holds one chunk at a time.
        _command.UseStreamingMode = true;
        _statement = new RunningStatement(_command, http.Request.Path + http.Request.QueryString, _timeout.Token);
        try
        {
            Reader = _command.ExecuteReader();
        }
        catch (Exception e) when (e is OperationCanceledException or DuckDBException)
        {
            if (_timeout.IsCancellationRequested)
            {
                _statement.Interrupted();
            }

            // The limit can pass while DuckDB still prepares the statement: that too is a QueryTimeout, not a failure.
            var timedOut = (_timeout.IsCancellationRequested || TimeIsUp) && !http.RequestAborted.IsCancellationRequested;
            DisposeStatement();
            if (timedOut)
            {
                throw ODataProblem.QueryTimeout(limits);
            }

            throw;
        }
    }

    /// <summary>
    /// Moves to the next row; false at the end. Past the time limit it stops the stream, even when DuckDB's
    /// interrupt has not come yet (the timer that sends it waits for a free thread).
    /// </summary>
    public bool Read() => TimeIsUp ? throw ODataProblem.QueryTimeout(_limits) : Reader.Read();

    /// <summary>Runs the writing of the stream; a query the time limit stopped is a 503 QueryTimeout, as on /odata.</summary>
    public async Task Stream(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is OperationCanceledException or DuckDBException && (_timeout.IsCancellationRequested || TimeIsUp))
        {
            if (_timeout.IsCancellationRequested)
            {
                _statement.Interrupted();
            }

            if (_http.RequestAborted.IsCancellationRequested)
            {
                // The client left: nobody to answer.
                throw;
            }

            throw ODataProblem.QueryTimeout(_limits);
        }
    }

    private bool TimeIsUp => _clock.Elapsed.TotalSeconds > _limits.RequestTimeoutSeconds;

    public void Dispose()
    {
        Reader.Dispose();
        DisposeStatement();
    }

    private void DisposeStatement()
    {
        _statement.Dispose();
        _command.Dispose();
        _connection.Dispose();
        _timeout.Dispose();
    }
}
