using Analytics.ReportApi.Access;
using Analytics.Warehouse;

namespace Analytics.ReportApi.Cli;

/// <summary>
/// POST /api/operator/{verb} <c>{"args":[...]}</c>: a CLI verb run inside the service, on its warehouse, for this
/// machine's operator (<see cref="OperatorSecret"/>; the access middleware lets no API key through). The answer is
/// the verb's exit code and its output, which the CLI prints as if it had run the verb on the file itself.
/// </summary>
internal static class OperatorEndpoints
{
    public static IEndpointRouteBuilder MapOperator(this IEndpointRouteBuilder app)
    {
        app.MapPost(AccessPolicy.OperatorPath + "/{verb}", async (string verb, OperatorRun body, WarehouseDatabase database) =>
            CommandLine.Forwarded.FirstOrDefault(v => v.Name == verb) is { } known
                ? Results.Ok(await CommandLine.RunInServiceAsync(known, body.Args ?? [], database))
                : Results.NotFound(new ApiError($"The service runs {string.Join(", ", CommandLine.Forwarded.Select(v => v.Name))} for its operator, not '{verb}'.")))
            .ExcludeFromDescription();
        return app;
    }
}

/// <summary>A verb's arguments as the operator gave them (paths made absolute), and what running it printed.</summary>
internal sealed record OperatorRun(IReadOnlyList<string>? Args);

internal sealed record OperatorResult(int ExitCode, string Stdout, string Stderr);
