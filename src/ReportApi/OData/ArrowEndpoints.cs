namespace Analytics.ReportApi.OData;

internal static class ArrowEndpoints
{
    public static IEndpointRouteBuilder MapArrow(this IEndpointRouteBuilder app) => app;
}
