using System.Text;
using Analytics.ReportApi.OData;
using Analytics.Warehouse;
using Microsoft.Extensions.Options;

namespace Analytics.ReportApi.Exports;

/// <summary>
/// GET /exports/{set}.csv?$filter=...&amp;$select=...: an OData entity set as one CSV file for Excel and other tools
/// that want a file, not a feed. The same query options as /arrow ($filter, $select, $orderby, $top, $skip), the
/// same access scope (rows outside the key's regions are not there; masked contact fields are empty), streamed as
/// it is read, so a million rows need no more memory than a thousand.
/// </summary>
internal static class ExportEndpoints
{
    private const string Extension = ".csv";
    private const int FlushRows = 10_000;

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/exports/{file}", (HttpContext http, string file, ODataModelProvider provider, WarehouseDatabase database, IOptions<ODataLimits> options) =>
            ODataEndpoints.Guarded(http, () => Csv(http, file, provider, database, options.Value)));
        return app;
    }

    private static async Task Csv(HttpContext http, string file, ODataModelProvider provider, WarehouseDatabase database, ODataLimits limits)
    {
        if (!file.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) || file.Length == Extension.Length)
        {
            throw ODataProblem.NotFound($"Exports are CSV files named after an entity set: /exports/Orders.csv, not /exports/{file}.");
        }

        var set = file[..^Extension.Length];
        using var query = new WholeSetQuery(http, set, provider, database, limits, "/exports/Orders.csv?$filter=...");
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{set}.csv\"";
        await query.Stream(async () =>
        {
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
            await writer.WriteAsync(string.Join(',', query.Columns.Select(c => CsvText.Field(c.Name))) + CsvText.LineEnd);
            var values = new object?[query.Columns.Count];
            var rows = 0;
            while (query.Read())
            {
                query.Reader.GetValues(values!);
                await writer.WriteAsync(CsvText.Line(values));
                if (++rows % FlushRows == 0)
                {
                    await writer.FlushAsync(query.Token);
                }
            }

            await writer.FlushAsync(query.Token);
        });
    }
}
