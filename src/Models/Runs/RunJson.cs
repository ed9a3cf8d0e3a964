using System.Text.Json;
using System.Text.Json.Nodes;

namespace Analytics.Models.Runs;

/// <summary>How metrics are written into model_runs and printed by 'analytics train --json': snake_case, as the SQL names things.</summary>
public static class RunJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static JsonNode Node<T>(T value) => JsonSerializer.SerializeToNode(value, Options)!;

    /// <summary>A value's JSON with a "name" beside its fields: a baseline's metrics and what the baseline is.</summary>
    public static JsonNode Named<T>(T value, string name)
    {
        var node = Node(value);
        node["name"] = name;
        return node;
    }
}
