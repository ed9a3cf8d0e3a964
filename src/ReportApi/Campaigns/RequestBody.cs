using System.Text.Json;
using Analytics.Warehouse;

namespace Analytics.ReportApi.Campaigns;

/// <summary>Reads a JSON body strictly: an unknown field is an error, not ignored (a misspelt condition would widen a target).</summary>
internal static class RequestBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<T> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Options) ?? throw new WarehouseException("The body is empty; send a JSON object.");
        }
        catch (JsonException e)
        {
            throw new WarehouseException($"The body is not the JSON expected: {e.Message}");
        }
    }

    public static async Task<string> ReadTextAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        return string.IsNullOrWhiteSpace(text) ? "{}" : text;
    }
}
