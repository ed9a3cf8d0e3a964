using Analytics.Warehouse.Marts;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Analytics.ReportApi;

/// <summary>
/// A page whose query names a table or column the marts lack (a warehouse built by an older release, opened by a
/// host that did not rebuild it) answers 503 with the reason, not 500: the marts are not ready, and the sentence
/// says what to do. Any other failure, and a catalog error with current marts (a bug), stays unexpected.
/// </summary>
internal static class MartsNotReady
{
    public static IResult? Answer(DuckDBConnection connection, DuckDBException failure) =>
        NamesSomethingMissing(failure) && new MartBuilder(connection).WhyNotCurrent() is { } why
            ? Results.Json(new ApiError($"The marts are not ready for this page ({why}). The service rebuilds them when it starts; or stop it and run 'analytics refresh'."),
                statusCode: StatusCodes.Status503ServiceUnavailable)
            : null;

    /// <summary>
    /// A table or column not there. A statement that fails while being prepared carries no error type (DuckDB.NET
    /// leaves it Invalid), only DuckDB's message, which starts with the kind of error.
    /// </summary>
    private static bool NamesSomethingMissing(DuckDBException failure) =>
        failure.ErrorType is DuckDBErrorType.Catalog or DuckDBErrorType.Binder
        || failure.Message.StartsWith("Catalog Error", StringComparison.Ordinal)
        || failure.Message.StartsWith("Binder Error", StringComparison.Ordinal);
}
