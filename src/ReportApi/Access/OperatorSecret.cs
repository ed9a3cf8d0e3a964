using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Analytics.ReportApi.Access;

/// <summary>
/// Who operates this machine's service: whoever can read the file the service writes beside its warehouse
/// (<c>warehouse.duckdb.operator</c>, readable by its owner only), holding the service's address and a secret made
/// at each start. The CLI verbs send it when the service holds the warehouse, so they work through the service
/// without an API key; someone on the network, who cannot read the file, cannot (401 or 403, as for any path no
/// key's role may use). The file says nothing about API keys and outlives nothing: the next start replaces it.
/// </summary>
public sealed class OperatorSecret
{
    /// <summary>The request header that carries the secret.</summary>
    public const string HeaderName = "X-Analytics-Operator";

    private readonly byte[] _secret = Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));

    public static string FileOf(string warehousePath) => Path.GetFullPath(warehousePath) + ".operator";

    /// <summary>Writes the address and secret beside the warehouse, readable and writable by this user alone.</summary>
    public void Publish(string warehousePath, string url)
    {
        var file = FileOf(warehousePath);
        var text = JsonSerializer.Serialize(new OperatorFile(url, Encoding.ASCII.GetString(_secret)));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Mode on creation only: an older file (a previous start) is removed first, so it never stays readable.
            File.Delete(file);
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(file, options);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The service holding this warehouse, as its operator file says; null when there is none to read.</summary>
    public static OperatorFile? Read(string warehousePath)
    {
        try
        {
            return JsonSerializer.Deserialize<OperatorFile>(File.ReadAllText(FileOf(warehousePath)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public bool Matches(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers[HeaderName].ToString() is { Length: > 0 } presented
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), _secret);
    }

    public sealed record OperatorFile(string Url, string Secret);
}
