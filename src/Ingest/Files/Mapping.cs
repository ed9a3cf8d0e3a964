using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Warehouse;

namespace Analytics.Ingest.Files;

/// <summary>
/// A mapping file (shared/CONTRACT.md): how to read an export that does not use the canonical
/// names and formats. Every field but <see cref="Entity"/> and <see cref="Columns"/> is optional.
/// </summary>
public sealed record Mapping
{
    [JsonPropertyName("entity")]
    public string? Entity { get; init; }

    [JsonPropertyName("format")]
    public string? Format { get; init; }

    /// <summary>One character, <c>\t</c>, or <c>whitespace</c>: runs of spaces or tabs (fixed-width reports).</summary>
    [JsonPropertyName("delimiter")]
    public string? Delimiter { get; init; }

    /// <summary>false when the first line is data: columns are then named column1, column2, ... by position.</summary>
    [JsonPropertyName("header")]
    public bool? Header { get; init; }

    [JsonPropertyName("encoding")]
    public string? Encoding { get; init; }

    /// <summary>A free-text source column (an address) that the export wrote with unquoted delimiters in it.</summary>
    [JsonPropertyName("overflow_column")]
    public string? OverflowColumn { get; init; }

    [JsonPropertyName("null_values")]
    public IReadOnlyList<string>? NullValues { get; init; }

    [JsonPropertyName("date_format")]
    public string? DateFormat { get; init; }

    [JsonPropertyName("timestamp_format")]
    public string? TimestampFormat { get; init; }

    /// <summary>The zone of the source's local timestamps; also the time_zone of its tickets and contracts where the file has none.</summary>
    [JsonPropertyName("time_zone")]
    public string? TimeZone { get; init; }

    /// <summary>The holiday calendar of the source's tickets and contracts where the file has no holiday_calendar column.</summary>
    [JsonPropertyName("holiday_calendar")]
    public string? HolidayCalendar { get; init; }

    /// <summary>canonical column -> source column.</summary>
    [JsonPropertyName("columns")]
    public IReadOnlyDictionary<string, string>? Columns { get; init; }

    private static readonly JsonSerializerOptions Options = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static Mapping Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Mapping>(File.ReadAllText(path), Options)
                ?? throw new WarehouseException($"The mapping {path} is empty.");
        }
        catch (JsonException e)
        {
            throw new WarehouseException($"The mapping {path} is not valid: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new WarehouseException($"The mapping {path} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>A mapping that sits beside a file as NAME.mapping.json applies to it (useful in the inbox).</summary>
    public static string SidecarPath(string filePath) =>
        Path.Combine(Path.GetDirectoryName(filePath) ?? ".", Path.GetFileNameWithoutExtension(filePath) + ".mapping.json");
}
