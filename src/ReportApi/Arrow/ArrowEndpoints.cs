using Analytics.ReportApi.OData;
using Analytics.Warehouse;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Microsoft.Extensions.Options;

namespace Analytics.ReportApi.Arrow;

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
        using var query = new WholeSetQuery(http, set, provider, database, limits, "/arrow/Orders?$filter=...");
        await query.Stream(async () =>
        {
            var reader = query.Reader;
            var arrowColumns = query.Columns.Select(ArrowColumn.For).ToList();
            var schema = new Schema(arrowColumns.Select(c => c.Field), null);
            http.Response.ContentType = ContentType;
            using var writer = new ArrowStreamWriter(http.Response.Body, schema, leaveOpen: true);
            var rows = 0;
            while (query.Read())
            {
                for (var i = 0; i < arrowColumns.Count; i++)
                {
                    arrowColumns[i].Append(reader.IsDBNull(i) ? null : reader.GetValue(i));
                }

                if (++rows == BatchRows)
                {
                    await writer.WriteRecordBatchAsync(new RecordBatch(schema, arrowColumns.Select(c => c.Build()), rows), query.Token);
                    rows = 0;
                }
            }

            if (rows > 0 || !http.Response.HasStarted)
            {
                await writer.WriteRecordBatchAsync(new RecordBatch(schema, arrowColumns.Select(c => c.Build()), rows), query.Token);
            }

            await writer.WriteEndAsync(query.Token);
        });
    }
}
