using Analytics.ReportApi.Access;
using Analytics.Warehouse;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Microsoft.Extensions.Options;

namespace Analytics.ReportApi.OData;

/// <summary>
/// GET /arrow/{set}?$filter=...&amp;$select=...: the same entity sets, narrowed by the same access scope, as one
/// Arrow IPC stream for pandas, polars and R (no paging: the client reads record batches as they come).
/// </summary>
internal static class ArrowEndpoints
{
    public const string ContentType = "application/vnd.apache.arrow.stream";
    private const int BatchRows = 65_536;

    public static IEndpointRouteBuilder MapArrow(this IEndpointRouteBuilder app)
    {
        app.MapGet("/arrow/{set}", (HttpContext http, string set, ODataModelProvider provider, WarehouseDatabase database, IOptions<ODataLimits> options) =>
            ODataEndpoints.Guarded(http, () => Stream(http, set, provider, database, options.Value)));
        return app;
    }

    private static async Task Stream(HttpContext http, string set, ODataModelProvider provider, WarehouseDatabase database, ODataLimits limits)
    {
        var model = provider.Model;
        var root = ODataEndpoints.ServiceRoot(http.Request);
        var request = ODataRequest.Parse(model, root, new Uri(root, Uri.EscapeDataString(set) + http.Request.QueryString), limits);
        if (request.IsSingle || request.IsCountSegment || request.Navigation is not null)
        {
            throw ODataProblem.NotImplemented("The Arrow stream serves whole entity sets: /arrow/Orders?$filter=...");
        }

        var (sql, parameters, columns) = new ODataQuery(model, request, AccessScope.Of(http), limits).Statement();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(limits.RequestTimeoutSeconds));
        using var connection = database.Connect();
        using var command = connection.Command(sql, parameters);
        using var interrupt = timeout.Token.Register(command.Cancel);
        using var reader = command.ExecuteReader();

        var arrowColumns = columns.Select(ArrowColumn.For).ToList();
        var schema = new Schema(arrowColumns.Select(c => c.Field), null);
        http.Response.ContentType = ContentType;
        using var writer = new ArrowStreamWriter(http.Response.Body, schema, leaveOpen: true);
        var rows = 0;
        while (reader.Read())
        {
            for (var i = 0; i < arrowColumns.Count; i++)
            {
                arrowColumns[i].Append(reader.IsDBNull(i) ? null : reader.GetValue(i));
            }

            if (++rows == BatchRows)
            {
                await writer.WriteRecordBatchAsync(new RecordBatch(schema, arrowColumns.Select(c => c.Build()), rows), timeout.Token);
                rows = 0;
            }
        }

        if (rows > 0 || !http.Response.HasStarted)
        {
            await writer.WriteRecordBatchAsync(new RecordBatch(schema, arrowColumns.Select(c => c.Build()), rows), timeout.Token);
        }

        await writer.WriteEndAsync(timeout.Token);
    }
}
