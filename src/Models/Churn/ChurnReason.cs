using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Models.Features;

namespace Analytics.Models.Churn;

/// <summary>
/// One reason behind an account's churn risk: the feature, its value, its effect on the model's raw score
/// (positive raises the risk) and the value in words. Stored as account_scores.churn_reasons.
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

    /// <summary>The strongest <paramref name="perSide"/> reasons raising and lowering the risk, strongest first.</summary>
    public static IReadOnlyList<ChurnReason> Top(IReadOnlyList<string> features, double[] values, float[] contributions, int perSide) =>
        Top(features, values, contributions, perSide, FeatureWords.Describe);

    /// <summary>As above, with the words of features the SQL does not compute (an export's attributes).</summary>
    public static IReadOnlyList<ChurnReason> Top(
        IReadOnlyList<string> features, double[] values, float[] contributions, int perSide, Func<string, double, (string En, string Zh)> describe)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(contributions);
        var all = features.Select((name, i) => (Name: name, Value: values[i], Effect: (double)contributions[i]))
            .Where(r => Math.Abs(r.Effect) >= Negligible)
            .ToList();
        return all.Where(r => r.Effect > 0).OrderByDescending(r => r.Effect).Take(perSide)
            .Concat(all.Where(r => r.Effect < 0).OrderBy(r => r.Effect).Take(perSide))
            .OrderByDescending(r => Math.Abs(r.Effect))
            .Select(r =>
            {
                // The words describe the value as stored (rounded), so a reader who checks one against the other agrees.
                var value = Math.Round(r.Value, 4);
                var (en, zh) = describe(r.Name, value);
                return new ChurnReason(r.Name, value, Math.Round(r.Effect, 4), en, zh);
            })
            .ToList();
    }

    public static string ToJson(IReadOnlyList<ChurnReason> reasons) => JsonSerializer.Serialize(reasons, Json);
}
