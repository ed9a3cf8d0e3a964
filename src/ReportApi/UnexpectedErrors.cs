namespace Analytics.ReportApi;

/// <summary>
/// The last line of defence: an exception no endpoint expected is logged with its request and answered with a
/// JSON error body (a 500 that says where to look, not an empty page); a response already under way is cut off,
/// so no client takes half an answer for a whole one. Endpoints answer what they expect themselves (4xx, 503).
/// </summary>
internal sealed class UnexpectedErrors(RequestDelegate next, ILogger<UnexpectedErrors> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            log.LogError(e, "Unexpected failure on {Method} {Path}", context.Request.Method, context.Request.Path);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new ApiError(
                $"The service failed on this request ({e.GetType().Name}); its log has the details (request {context.TraceIdentifier})."));
        }
    }
}
