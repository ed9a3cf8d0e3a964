using System.Globalization;
using System.Text.Json;
using Analytics.Warehouse;

namespace Analytics.ReportApi.Access;

/// <summary>
/// /api/keys, for admins only (<see cref="AccessPolicy"/>): create, list and revoke keys while the service runs, in
/// the same store as 'analytics keys' (which calls these when a service holds the warehouse). A revoke takes effect
/// at the key's next request, since <see cref="AccessMiddleware"/> looks the key up on every request.
/// An admin limited to regions manages the keys of those regions only (<see cref="Within"/>): it could otherwise make
/// itself a key for every region, and its limit would limit nothing. Keys beyond its regions are not listed, and
/// revoking one answers as for a key that does not exist.
/// </summary>
internal static class KeyEndpoints
{
    public const int MaxNameLength = 200;

    private const string Shape = "post {\"role\": ..., \"regions\": [...], \"name\": ...}.";

    public static IEndpointRouteBuilder MapKeys(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys");
        keys.MapGet("", (HttpContext http, WarehouseDatabase database) =>
        {
            using var connection = database.Connect();
            var scope = AccessScope.Of(http);
            return Results.Ok(ApiKeyStore.List(connection).Where(k => Within(scope, k.Regions)));
        });
        keys.MapPost("", CreateAsync);
        keys.MapDelete("/{id}", (string id, HttpContext http, WarehouseDatabase database) =>
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var keyId))
            {
                return Results.BadRequest(new ApiError($"A key is named by its number (GET /api/keys), not '{id}'."));
            }

            using var connection = database.Connect();
            return ApiKeyStore.Get(connection, keyId) is { } key && Within(AccessScope.Of(http), key.Regions) && ApiKeyStore.Revoke(connection, keyId)
                ? Results.NoContent()
                : Results.NotFound(new ApiError($"There is no active key {keyId}; GET /api/keys lists them."));
        });
        return app;
    }

    /// <summary>POST {role, regions (null or absent: every region), name}: 201 with the key's only copy, <c>secret</c>.</summary>
    private static async Task<IResult> CreateAsync(HttpContext http, WarehouseDatabase database)
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.BadRequest(new ApiError("The body is not JSON; " + Shape));
        }

        using (body)
        {
            var (request, error) = Read(body.RootElement);
            if (request is null)
            {
                return Results.BadRequest(new ApiError(error!));
            }

            var scope = AccessScope.Of(http);
            if (!Within(scope, request.Regions))
            {
                return Results.Json(new ApiError($"Your key is limited to {string.Join(", ", scope.Regions!)}: it may make keys limited to those regions only."),
                    statusCode: StatusCodes.Status403Forbidden);
            }

            using var connection = database.Connect();
            try
            {
                var (key, secret) = ApiKeyStore.Create(connection, request.Role, request.Regions, request.Name ?? $"{request.Role} key");
                return Results.Created($"/api/keys/{key.KeyId}", new CreatedKey(secret, key));
            }
            catch (WarehouseException e)
            {
                return Results.BadRequest(new ApiError(e.Message));
            }
        }
    }

    /// <summary>A key's regions (null: every region) lie within what <paramref name="scope"/> sees.</summary>
    private static bool Within(AccessScope scope, IReadOnlyList<string>? regions) =>
        scope.Regions is null || (regions is not null && regions.All(scope.Regions.Contains));

    private static (KeyRequest? Request, string? Error) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "The body is not a JSON object; " + Shape);
        }

        string? role = null, name = null;
        List<string>? regions = null;
        foreach (var field in root.EnumerateObject())
        {
            switch (field.Name)
            {
                case "role" when field.Value.ValueKind == JsonValueKind.String:
                    role = field.Value.GetString();
                    break;
                case "role":
                    return (null, "'role' is a text.");
                case "name" when field.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                    name = field.Value.GetString();
                    break;
                case "name":
                    return (null, "'name' is a text.");
                case "regions" when field.Value.ValueKind == JsonValueKind.Null:
                    regions = null;
                    break;
                case "regions" when field.Value.ValueKind == JsonValueKind.Array && field.Value.EnumerateArray().All(r => r.ValueKind == JsonValueKind.String):
                    regions = [.. field.Value.EnumerateArray().Select(r => r.GetString()!)];
                    break;
                case "regions":
                    return (null, "'regions' is a list of region names, or null for every region.");
                default:
                    // A misspelt 'regions' must not make a key for every region.
                    return (null, $"There is no field '{field.Name}'; a key has role, regions and name.");
            }
        }

        if (role is null)
        {
            return (null, $"Give the key's role: {string.Join(", ", Roles.All)}.");
        }

        return name is { Length: > MaxNameLength }
            ? (null, $"A key's name is at most {MaxNameLength} characters.")
            : (new KeyRequest(role, regions, name), null);
    }

    private sealed record KeyRequest(string Role, IReadOnlyList<string>? Regions, string? Name);

    /// <summary>The answer to a create: the key's text, shown this once, and the key as the list shows it.</summary>
    internal sealed record CreatedKey(string Secret, ApiKey Key);
}
