using Analytics.Warehouse;
using Analytics.Warehouse.Marts;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Analytics.ReportApi;

/// <summary>
/// A request whose query names a table or column the marts lack (a warehouse built by an older release, opened by a
/// host that did not rebuild it; a mart dropped by hand) answers 503 with the reason, not 500: the marts are not
/// ready, and the sentence says what to do. One middleware for every endpoint (dashboard, charts, account pages,
/// campaigns, exports), so a new endpoint needs nothing of its own; OData's error handler asks <see cref="Why"/> too,
/// since it answers its failures itself. Any other failure, and a catalog error with current marts (a bug), stays
/// unexpected.
/// </summary>
internal sealed class MartsNotReady(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, WarehouseDatabase database)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && Why(database, e) is { } why)
        {
            context.Response.Clear();
            await Write(context, why);
        }
    }

    /// <summary>The sentence a request that failed with <paramref name="failure"/> answers, or null when the marts are not the cause.</summary>
    public static string? Why(WarehouseDatabase database, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!NamesSomethingMissing(failure))
        {
            return null;
        }

        using var connection = database.Connect();
        return new MartBuilder(connection).WhyNotCurrent() is { } why
            ? $"The marts are not ready for this page ({why}). The service rebuilds them when it starts; or stop it and run 'analytics refresh'."
            : null;
    }

    /// <summary>The 503: OData's error body on OData paths, the service's <c>{"error"}</c> elsewhere.</summary>
    private static Task Write(HttpContext context, string why)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ODataError.IsODataPath(context.Request.Path.Value ?? "/")
            ? ODataError.Write(context.Response, StatusCodes.Status503ServiceUnavailable, "MartsNotReady", why)
            : Results.Json(new ApiError(why), statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
    }

    /// <summary>
    /// A table or column not there, anywhere in the failure's chain (a report cache or a task may wrap it). A statement
    /// that fails while being prepared carries no error type (DuckDB.NET leaves it Invalid), only DuckDB's message,
    /// which starts with the kind of error.
    /// </summary>
    private static bool NamesSomethingMissing(Exception failure) => failure switch
    {
        DuckDBException d => d.ErrorType is DuckDBErrorType.Catalog or DuckDBErrorType.Binder
            || d.Message.StartsWith("Catalog Error", StringComparison.Ordinal)
            || d.Message.StartsWith("Binder Error", StringComparison.Ordinal),
        AggregateException a => a.InnerExceptions.Any(NamesSomethingMissing),
        { InnerException: { } inner } => NamesSomethingMissing(inner),
        _ => false,
    };
}
