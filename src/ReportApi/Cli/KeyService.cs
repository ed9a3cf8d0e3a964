using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.ReportApi.Access;

namespace Analytics.ReportApi.Cli;

/// <summary>
/// The keys of a running service, through its /api/keys with an admin key: how 'analytics keys' works while the
/// service holds the warehouse file (DuckDB lets one process write it). Its refusals become the verb's sentences.
/// </summary>
internal sealed class KeyService(HttpClient http, string url) : IKeys
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <param name="heldFile">the warehouse a service was found holding (said in the message when the key is missing); null when --urls named the service.</param>
    public static KeyService Connect(string urls, string? adminKey, string? heldFile)
    {
        var url = Reachable(urls);
        if (adminKey is null)
        {
            var held = heldFile is null ? "Managing" : $"The warehouse {heldFile} is held by a running service; managing";
            throw new UsageException($"{held} keys through the service at {url} needs an admin key: give --key KEY or set {KeysVerb.KeyVariable}.");
        }

#pragma warning disable CA2000 // The client lives as long as the verb, one short command.
        var http = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromSeconds(30) };
#pragma warning restore CA2000
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        return new KeyService(http, url);
    }

    /// <summary>The service's addresses as serve would take them when no --urls is given: ASPNETCORE_URLS, appsettings.json's 'urls', the default.</summary>
    public static string ConfiguredUrls()
    {
        if (Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var settings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(settings))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(settings), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.TryGetProperty("urls", out var urls) && urls.ValueKind == JsonValueKind.String && urls.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }

        return ServeVerb.DefaultUrls;
    }

    /// <summary>One address to call from this machine: the first http one (else the first), a wildcard host as localhost.</summary>
    internal static string Reachable(string urls)
    {
        var all = urls.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var chosen = all.FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? all.FirstOrDefault()
            ?? throw new UsageException("--urls names no address.");
        foreach (var wildcard in new[] { "://*", "://+", "://0.0.0.0", "://[::]" })
        {
            chosen = chosen.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return Uri.TryCreate(chosen, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? chosen.TrimEnd('/')
            : throw new UsageException($"'{chosen}' is no http:// or https:// address of a service.");
    }

    public async Task<(ApiKey Key, string Secret)> Create(string role, IReadOnlyList<string>? regions, string name)
    {
        using var response = await Send(() => http.PostAsJsonAsync(new Uri("api/keys", UriKind.Relative), new { role, regions, name }, Json));
        await Expect(response, HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<KeyEndpoints.CreatedKey>(Json)
            ?? throw new IOException($"The service at {url} answered a create with no key.");
        return (created.Key, created.Secret);
    }

    public async Task<IReadOnlyList<ApiKey>> List()
    {
        using var response = await Send(() => http.GetAsync(new Uri("api/keys", UriKind.Relative)));
        await Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<List<ApiKey>>(Json) ?? [];
    }

    public async Task<bool> Revoke(long keyId)
    {
        using var response = await Send(() => http.DeleteAsync(new Uri($"api/keys/{keyId}", UriKind.Relative)));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await Expect(response, HttpStatusCode.NoContent);
        return true;
    }

    private async Task<HttpResponseMessage> Send(Func<Task<HttpResponseMessage>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"No service answers at {url}: {e.Message}", e);
        }
        catch (TaskCanceledException e)
        {
            throw new IOException($"No service answers at {url}: no answer within {http.Timeout.TotalSeconds:0} s.", e);
        }
    }

    /// <summary>Anything but <paramref name="expected"/>: a refusal or a bad request is the caller's to fix (exit 2), anything else a failure (exit 1).</summary>
    private async Task Expect(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode == expected)
        {
            return;
        }

        var error = ErrorOf(await response.Content.ReadAsStringAsync());
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new UsageException($"The service at {url} refused: {error}"),
            HttpStatusCode.BadRequest => new UsageException(error),
            _ => new IOException($"The service at {url} answered {(int)response.StatusCode}: {error}"),
        };
    }

    /// <summary>The sentence of an error body, <c>{"error":"..."}</c> or OData's <c>{"error":{"message"}}</c>; else the body itself.</summary>
    private static string ErrorOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                return error.ValueKind == JsonValueKind.String ? error.GetString()!
                    : error.TryGetProperty("message", out var message) ? message.GetString() ?? body : body;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 200 ? body[..200] : body;
    }
}
