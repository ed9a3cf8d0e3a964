using System.Text.Encodings.Web;
using System.Text.Json;

namespace Analytics.ReportApi;

/// <summary>
/// OData's error body, <c>{"error":{"code":..,"message":..}}</c>, with OData's headers: what OData's endpoints answer
/// for a failure and what the access middleware answers for a 401 or 403 on an OData path, so an OData client
/// (Excel, Power BI, SAP's) shows the message either way. At the root, beside <see cref="ApiError"/>, so both
/// folders use it without depending on each other.
/// </summary>
public sealed record ODataError(ODataErrorDetail Error)
{
    public const string ContentType = "application/json;odata.metadata=minimal;odata.streaming=true;charset=utf-8";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Whether a request path is the OData service's (<c>/odata</c> or below), whose errors are this body.</summary>
    public static bool IsODataPath(string path) =>
        path.Equals("/odata", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/odata/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes the error as the whole answer (the caller makes sure nothing was sent yet).</summary>
    public static Task Write(HttpResponse response, int status, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = status;
        response.Headers["OData-Version"] = "4.0";
        return response.WriteAsJsonAsync(new ODataError(new ODataErrorDetail(code, message)), Json, ContentType, response.HttpContext.RequestAborted);
    }
}

/// <summary>What failed, as a code a client can test and a sentence saying what to change.</summary>
public sealed record ODataErrorDetail(string Code, string Message);
