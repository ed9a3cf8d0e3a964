using System.Net;
using System.Text;
using System.Text.Json;

namespace Analytics.Tests.Access;

/// <summary>Sends a request with an optional JSON body, asserts its status (showing the body when it differs) and parses the answer.</summary>
public static class HttpJson
{
    public static async Task<JsonElement> Send(HttpClient client, HttpMethod method, string path, string? json, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>A JSON text as the service means it, whatever its escaping ('\u0027' or "'"): for comparing bodies exactly.</summary>
public static class JsonText
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, Relaxed);
}
