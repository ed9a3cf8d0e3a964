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

    /// <summary>
    /// A DuckDB select over the file as read (the table <c>source</c>: every column as text, and source_line), whose
    /// columns are the entity's canonical ones plus source_line or source_lines (the lines each row came from): how
    /// an export of another shape (an event log) becomes the entity's rows. A string, or a list of lines joined.
    /// </summary>
    [JsonPropertyName("transform")]
    public JsonElement? Transform { get; init; }

    /// <summary>The mapping's file name, to name it in a message.</summary>
    [JsonIgnore]
    public string Name { get; init; } = "";

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
            var mapping = JsonSerializer.Deserialize<Mapping>(File.ReadAllText(path), Options)
                ?? throw new WarehouseException($"The mapping {path} is empty.");
            return mapping with { Name = Path.GetFileName(path) };
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

    /// <summary>The transform's SQL, or null without one.</summary>
    public string? TransformSql() => Transform switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Array } lines when lines.EnumerateArray().All(l => l.ValueKind == JsonValueKind.String) =>
            string.Join('\n', lines.EnumerateArray().Select(l => l.GetString())),
        _ => throw new WarehouseException($"The mapping {Name} gives a transform that is neither a select nor a list of its lines."),
    };

    /// <summary>A mapping that sits beside a file as NAME.mapping.json applies to it (useful in the inbox).</summary>
    public static string SidecarPath(string filePath) =>
        Path.Combine(Path.GetDirectoryName(filePath) ?? ".", Path.GetFileNameWithoutExtension(filePath) + ".mapping.json");
}
