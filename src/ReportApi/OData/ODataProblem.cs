namespace Analytics.ReportApi.OData;

/// <summary>A request the service answers with an OData error body: bad syntax (400), an unsupported construct (501), a limit.</summary>
internal sealed class ODataProblem(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static ODataProblem BadRequest(string message) => new(StatusCodes.Status400BadRequest, "BadRequest", message);

    public static ODataProblem NotImplemented(string message) => new(StatusCodes.Status501NotImplemented, "NotImplemented", message);

    public static ODataProblem Limit(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);

    public static ODataProblem Forbidden(string message) => new(StatusCodes.Status403Forbidden, "Forbidden", message);

    public static ODataProblem NotFound(string message) => new(StatusCodes.Status404NotFound, "NotFound", message);

    public static ODataProblem QueryTimeout(ODataLimits limits) => new(StatusCodes.Status503ServiceUnavailable, "QueryTimeout",
        $"The query ran longer than {limits.RequestTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s and was stopped; narrow it with $filter or $top.");
}
