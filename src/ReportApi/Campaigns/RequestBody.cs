using System.Text.Json;
using Analytics.Warehouse;

namespace Analytics.ReportApi.Campaigns;

/// <summary>Reads a JSON body strictly: an unknown field is an error, not ignored (a misspelt condition would widen a target).</summary>
internal static class RequestBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The largest body a target or campaign request takes (64 KiB): a rule is a few lines of JSON; a body of
    /// megabytes is a mistake or an attack, refused before it is read, let alone compiled into SQL.
    /// </summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<T> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        var text = await ReadCappedAsync(request);
        try
        {
            return (text.Length == 0 ? null : JsonSerializer.Deserialize<T>(text, Options)) ?? throw new WarehouseException("The body is empty; send a JSON object.");
        }
        catch (JsonException e)
        {
            throw new WarehouseException($"The body is not the JSON expected: {e.Message}");
        }
    }

    public static async Task<string> ReadTextAsync(HttpRequest request)
    {
        var text = await ReadCappedAsync(request);
        return string.IsNullOrWhiteSpace(text) ? "{}" : text;
    }

    // Reads at most MaxBytes + 1 bytes, whatever Content-Length says (a chunked body has none).
    private static async Task<string> ReadCappedAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length))) > 0)
        {
            length += read;
        }

        return length > MaxBytes ? throw TooLarge() : System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static WarehouseException TooLarge() =>
        new($"The body is over {MaxBytes / 1024} KB; a target rule is a few lines of JSON.");
}
