using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Models.Features;

namespace Analytics.Models.Churn;

/// <summary>
/// One reason behind an account's churn risk: the feature, its value, its effect on the model's raw score
/// (positive raises the risk), the value in words and whether it raises the risk. Stored as
/// account_scores.churn_reasons, the reasons that raise the risk first. A reason that lowers it is worded as what sets
/// the account apart from the churners (<see cref="FeatureWords.Lowering"/>).
/// </summary>
public sealed record ChurnReason(
    [property: JsonPropertyName("feature")] string Feature,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("effect")] double Effect,
    [property: JsonPropertyName("en")] string En,
    [property: JsonPropertyName("zh")] string Zh)
{
    // Effects smaller than this move the probability by well under a percentage point: not worth a manager's reading.
    private const double Negligible = 0.01;

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The one rule of every list of why an account is at risk: a reason belongs there when it raises the risk.</summary>
    [JsonPropertyName("raises")]
    public bool Raises => Effect > 0;

    /// <summary>The strongest <paramref name="perSide"/> reasons raising the risk, strongest first, then as many lowering it.</summary>
    public static IReadOnlyList<ChurnReason> Top(IReadOnlyList<string> features, double[] values, float[] contributions, int perSide) =>
        Top(features, values, contributions, perSide, FeatureWords.Describe);

    /// <summary>As above, with the words of features the SQL does not compute (an export's attributes).</summary>
    public static IReadOnlyList<ChurnReason> Top(
        IReadOnlyList<string> features, double[] values, float[] contributions, int perSide, Func<string, double, (string En, string Zh)> describe)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(describe);
        var all = features.Select((name, i) => (Name: name, Value: values[i], Effect: (double)contributions[i]))
            .Where(r => Math.Abs(r.Effect) >= Negligible)
            .ToList();
        return all.Where(r => r.Effect > 0).OrderByDescending(r => r.Effect).Take(perSide)
            .Concat(all.Where(r => r.Effect < 0).OrderBy(r => r.Effect).Take(perSide))
            .Select(r =>
            {
                // The words describe the value as stored (rounded), so a reader who checks one against the other agrees.
                var value = Math.Round(r.Value, 4);
                var plain = describe(r.Name, value);
                var (en, zh) = r.Effect > 0 ? plain : FeatureWords.Lowering(r.Name, plain);
                return new ChurnReason(r.Name, value, Math.Round(r.Effect, 4), en, zh);
            })
            .ToList();
    }

    /// <summary>
    /// Why an account is at risk, from its stored reasons (account_scores.churn_reasons, of any pass, whatever their
    /// order): the first <paramref name="count"/> that raise the risk, strongest first. The dashboard reads reasons
    /// through this; campaigns' SQL (TargetQuery) keeps the same entries (effect above 0, in stored order).
    /// Unreadable JSON gives none.
    /// </summary>
    public static IReadOnlyList<ChurnReason> WhyAtRisk(string? json, int count)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind != JsonValueKind.Array
                ? []
                : [.. document.RootElement.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.Object)
                    .Select(e => new ChurnReason(
                        Text(e, "feature") ?? "", Number(e, "value"), Number(e, "effect"),
                        Text(e, "en") ?? Text(e, "feature") ?? "", Text(e, "zh") ?? Text(e, "en") ?? ""))
                    .Where(r => r.Raises)
                    .OrderByDescending(r => r.Effect)
                    .Take(count)];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string ToJson(IReadOnlyList<ChurnReason> reasons) => JsonSerializer.Serialize(reasons, Json);

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;
}
