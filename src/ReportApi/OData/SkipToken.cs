using System.Buffers.Text;
using System.Globalization;

using System.Text.Json;

namespace Analytics.ReportApi.OData;

/// <summary>
/// $skiptoken of a server-driven page in key order: the last row's key values, so the next page starts right after
/// it without DuckDB skipping over every row before (a 10-million-row set read page by page stays linear).
/// </summary>
internal static class SkipToken
{
    public static string Encode(IEnumerable<object?> keyValues) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(keyValues.Select(Text).ToArray()));

    public static IReadOnlyList<string> Decode(string token, int keyCount)
    {
        try
        {
            var values = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(token));
            if (values is not null && values.Length == keyCount && values.All(v => v is not null))
            {
                return values;
            }
        }
        catch (FormatException)
        {
            // answered below
        }
        catch (JsonException)
        {
            // answered below
        }

        throw ODataProblem.BadRequest("The $skiptoken is not one this service wrote; follow @odata.nextLink as given.");
    }

    private static string Text(object? value) => value switch
    {
        DateTime date => date.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? throw new InvalidOperationException("A key value is null."),
    };

}
