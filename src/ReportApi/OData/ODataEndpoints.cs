using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Warehouse;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Analytics.ReportApi.OData;

/// <summary>
/// /odata: the service document, $metadata, and every entity set read-only, each request answered by SQL on DuckDB.
/// Errors are OData error bodies: 400 bad syntax or a limit, 404 unknown address, 501 what the translator does not
/// do, 503 a query that ran out of time or memory.
/// </summary>
internal static class ODataEndpoints
{
    public const string Root = "/odata";

    public static IEndpointRouteBuilder MapOData(this IEndpointRouteBuilder app)
    {
        app.MapGet(Root + "/$metadata", Metadata);
        // One route for the root and everything under it: the service document is the empty path.
        app.MapGet(Root + "/{**path}", (HttpContext http, string? path, ODataModelProvider provider, WarehouseDatabase database, IOptions<ODataLimits> options) =>
            string.IsNullOrEmpty(path) ? ServiceDocument(http, provider) : Query(http, provider, database, options));
        app.MapMethods(Root + "/{**path}", ["POST", "PUT", "PATCH", "DELETE"], (HttpContext http) =>
            WriteError(http, StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", "The OData service is read-only."));
        return app;
    }

    public static Uri ServiceRoot(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}{Root}/");

    private static Task ServiceDocument(HttpContext http, ODataModelProvider provider) => Guarded(http, () =>
    {
        var model = provider.Model;
        return WriteJson(http, json =>
        {
            json.WriteStartObject();
            json.WriteString("@odata.context", ServiceRoot(http.Request) + "$metadata");
            json.WritePropertyName("value");
            json.WriteStartArray();
            foreach (var set in model.Sets.Values)
            {
                json.WriteStartObject();
                json.WriteString("name", set.Name);
                json.WriteString("kind", "EntitySet");
                json.WriteString("url", set.Name);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    });

    private static Task Metadata(HttpContext http, ODataModelProvider provider) => Guarded(http, async () =>
    {
        var metadata = provider.Metadata;
        http.Response.ContentType = "application/xml;charset=utf-8";
        http.Response.Headers["OData-Version"] = "4.0";
        await http.Response.Body.WriteAsync(metadata, http.RequestAborted);
    });

    private static Task Query(HttpContext http, ODataModelProvider provider, WarehouseDatabase database, IOptions<ODataLimits> options) => Guarded(http, async () =>
    {
        var limits = options.Value;
        CheckFormat(http.Request);
        var model = provider.Model;
        var root = ServiceRoot(http.Request);
        var requestUri = new Uri(http.Request.GetEncodedUrl());
        var request = ODataRequest.Parse(model, root, requestUri, limits);
        var scope = AccessScope.Of(http);
        var pageSize = PageSize(http, limits);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(limits.RequestTimeoutSeconds));
        ODataPage page;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var connection = database.Connect())
        {
            try
            {
                page = await Task.Run(() => new ODataQuery(model, request, scope, limits).Page(requestUri, pageSize, new QueryRunner(connection, http.Request.Path + http.Request.QueryString, timeout.Token)), timeout.Token);
            }
            // Out of time is a QueryTimeout; a client that left gets nothing (Guarded lets its failure go).
            catch (Exception e) when (e is OperationCanceledException or DuckDBException && timeout.IsCancellationRequested
                && !http.RequestAborted.IsCancellationRequested)
            {
                throw ODataProblem.QueryTimeout(limits);
            }
        }

        // The interrupt comes from a timer that waits for a free thread, so a query may finish past its time
        // before the timer fires; the limit is the limit all the same.
        if (clock.Elapsed.TotalSeconds > limits.RequestTimeoutSeconds)
        {
            throw ODataProblem.QueryTimeout(limits);
        }

        if (request.IsCountSegment)
        {
            http.Response.ContentType = "text/plain;charset=utf-8";
            http.Response.Headers["OData-Version"] = "4.0";
            await http.Response.WriteAsync(page.Count!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), http.RequestAborted);
            return;
        }

        if (http.Request.Headers["Prefer"].Any(p => p?.Contains("odata.maxpagesize", StringComparison.OrdinalIgnoreCase) == true))
        {
            http.Response.Headers["Preference-Applied"] = $"odata.maxpagesize={pageSize}";
        }

        var ieee754 = http.Request.Headers.Accept.Any(a => a?.Contains("IEEE754Compatible=true", StringComparison.OrdinalIgnoreCase) == true);
        var context = ContextUrl.Of(root, request);
        if (request.IsSingle)
        {
            if (page.Rows.Count == 0)
            {
                if (request.Navigation is not null)
                {
                    http.Response.StatusCode = StatusCodes.Status204NoContent;
                    return;
                }

                throw ODataProblem.NotFound($"{request.Set.Name} has no entity with that key (or it is outside what you may see).");
            }

            await WriteJson(http, json => new ODataJsonWriter(json, ieee754).Entity(page, page.Rows[0], context), ieee754);
            return;
        }

        await WriteJson(http, json => new ODataJsonWriter(json, ieee754).Collection(context, page), ieee754);
    });

    private static int PageSize(HttpContext http, ODataLimits limits)
    {
        foreach (var prefer in http.Request.Headers["Prefer"])
        {
            foreach (var part in (prefer ?? "").Split(',', StringSplitOptions.TrimEntries))
            {
                var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
                if (pair.Length == 2 && pair[0].Equals("odata.maxpagesize", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(pair[1], System.Globalization.CultureInfo.InvariantCulture, out var asked) && asked > 0)
                {
                    return Math.Min(asked, limits.MaxPageSize);
                }
            }
        }

        return limits.MaxPageSize;
    }

    private static void CheckFormat(HttpRequest request)
    {
        if (request.Query["$format"].FirstOrDefault() is { } format && !format.StartsWith("json", StringComparison.OrdinalIgnoreCase)
            && !format.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ODataProblem(StatusCodes.Status406NotAcceptable, "NotAcceptable", "The service answers in JSON only ($format=json); Arrow is at /arrow/{set}.");
        }
    }

    /// <summary>Every failure becomes an OData error body with a 4xx or 5xx status that says what to change.</summary>
    public static async Task Guarded(HttpContext http, Func<Task> handle)
    {
        try
        {
            await handle();
        }
        catch (Exception e) when (e is DuckDBException or OperationCanceledException && http.RequestAborted.IsCancellationRequested)
        {
            // The client left and its statement was interrupted: nobody to answer.
        }
        catch (ODataProblem problem)
        {
            await WriteError(http, problem.Status, problem.Code, problem.Message);
        }
        catch (DuckDBException e) when (e.Message.Contains("Out of Memory", StringComparison.OrdinalIgnoreCase))
        {
            await WriteError(http, StatusCodes.Status503ServiceUnavailable, "OutOfMemory",
                "The query needs more memory than the warehouse may use; narrow it with $filter or group by fewer properties.");
        }
        catch (DuckDBException e) when (MartsNotReady.Why(http.RequestServices.GetRequiredService<WarehouseDatabase>(), e) is { } why)
        {
            await WriteError(http, StatusCodes.Status503ServiceUnavailable, "MartsNotReady", why);
        }
        catch (DuckDBException e)
        {
            // What reaches DuckDB is validated and typed, so what it still refuses is the request's values
            // (an overflow, a date out of range, a division by zero): the client's to change.
            await WriteError(http, StatusCodes.Status400BadRequest, "QueryFailed", "The warehouse could not evaluate the query: " + e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or InvalidCastException)
        {
            // A case the service does not handle yet: still an OData error body, never a bare page.
            await WriteError(http, StatusCodes.Status500InternalServerError, "InternalError", e.Message);
        }
    }

    public static Task WriteError(HttpContext http, int status, string code, string message)
    {
        if (http.Response.HasStarted)
        {
            // Too late for a status: the client must not take the rows it has for the whole answer (a CSV file
            // cut short looks complete), so the connection is reset and the transfer fails where it stopped.
            http.Abort();
            return Task.CompletedTask;
        }

        http.Response.Clear();
        return ODataError.Write(http.Response, status, code, message);
    }

    private static async Task WriteJson(HttpContext http, Action<Utf8JsonWriter> write, bool ieee754 = false)
    {
        http.Response.ContentType = ODataJsonWriter.ContentType + (ieee754 ? ";IEEE754Compatible=true" : "");
        http.Response.Headers["OData-Version"] = "4.0";
        await using (var json = new Utf8JsonWriter(http.Response.BodyWriter, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }

        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

}
