using System.Text;
using Analytics.ReportApi.OData;
using Analytics.Warehouse;
using Microsoft.Extensions.Options;

namespace Analytics.ReportApi.Exports;

/// <summary>
/// GET /exports/{set}.csv or .xlsx?$filter=...&amp;$select=...: an OData entity set as one file for Excel and other
/// tools that want a file, not a feed. The same query options as /arrow ($filter, $select, $orderby, $top, $skip),
/// the same access scope (rows outside the key's regions are not there; masked contact fields are empty). CSV is
/// streamed as it is read, so a million rows need no more memory than a thousand; XLSX (typed cells) is written
/// to a temp file first, so a set longer than a sheet can hold is refused with a 400, not cut short.
/// </summary>
internal static class ExportEndpoints
{
    private const int FlushRows = 10_000;
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/exports/{file}", (HttpContext http, string file, ODataModelProvider provider, WarehouseDatabase database, IOptions<ODataLimits> options) =>
            ODataEndpoints.Guarded(http, () => Export(http, file, provider, database, options.Value)));
        return app;
    }

    private static Task Export(HttpContext http, string file, ODataModelProvider provider, WarehouseDatabase database, ODataLimits limits)
    {
        var extension = Path.GetExtension(file).ToLowerInvariant();
        var set = Path.GetFileNameWithoutExtension(file);
        return extension switch
        {
            ".csv" when set.Length > 0 => Csv(http, set, provider, database, limits),
            ".xlsx" when set.Length > 0 => Xlsx(http, set, provider, database, limits),
            _ => throw ODataProblem.NotFound($"Exports are CSV or XLSX files named after an entity set: /exports/Orders.csv, not /exports/{file}."),
        };
    }

    private static async Task Csv(HttpContext http, string set, ODataModelProvider provider, WarehouseDatabase database, ODataLimits limits)
    {
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

    private static async Task Xlsx(HttpContext http, string set, ODataModelProvider provider, WarehouseDatabase database, ODataLimits limits)
    {
        using var query = new WholeSetQuery(http, set, provider, database, limits, "/exports/Orders.xlsx?$filter=...");
        var path = Path.Combine(Path.GetTempPath(), $"analytics-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            await query.Stream(async () =>
            {
                var columns = query.Columns.Select(c => c.Name).ToList();
                var values = new object?[columns.Count];
                try
                {
                    await using var file = File.Create(path);
                    using var sheet = new XlsxSheet(file, set, columns);
                    while (query.Read())
                    {
                        query.Reader.GetValues(values!);
                        sheet.Add(values);
                    }
                }
                catch (XlsxSheet.TooManyRowsException e)
                {
                    throw ODataProblem.BadRequest($"{e.Message} Narrow the export with $filter or $top, or ask for /exports/{set}.csv.");
                }
            });
            http.Response.ContentType = XlsxType;
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{set}.xlsx\"";
            await http.Response.SendFileAsync(path, query.Token);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
