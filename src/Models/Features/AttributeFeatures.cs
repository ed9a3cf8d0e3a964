using System.Globalization;

namespace Analytics.Models.Features;

/// <summary>
/// Turns accounts' attributes (source column -> value as text, core.accounts.attributes) into model features,
/// learning the recipe from the training accounts alone: an attribute whose every value reads as a number is one
/// numeric feature (a missing or blank value takes the training median); a text attribute with at most
/// <see cref="MaxCategories"/> values is one 0/1 feature per value ("Contract=Two year"); an attribute with more values
/// (an id, a name, free text) or only one value is left out, with the reason.
/// </summary>
public sealed record AttributeFeatures(
    IReadOnlyDictionary<string, double> Numeric,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Categories,
    IReadOnlyDictionary<string, string> LeftOut)
{
    public const int MaxCategories = 20;

    /// <summary>The features in vector order: the numeric attributes, then each category's values, both by name.</summary>
    public IReadOnlyList<string> Names =>
        [.. Numeric.Keys.Order(StringComparer.Ordinal),
         .. Categories.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => c.Value.Select(v => $"{c.Key}={v}"))];

    public static AttributeFeatures Learn(IReadOnlyList<IReadOnlyDictionary<string, string?>> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var numeric = new Dictionary<string, double>(StringComparer.Ordinal);
        var categories = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var leftOut = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in accounts.SelectMany(a => a.Keys).Distinct(StringComparer.Ordinal))
        {
            var values = accounts.Select(a => Clean(a.GetValueOrDefault(key))).Where(v => v is not null).Select(v => v!).ToList();
            var distinct = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (distinct.Count < 2)
            {
                leftOut[key] = distinct.Count == 0 ? "no value" : "one value only";
            }
            else if (values.All(v => Number(v) is not null))
            {
                numeric[key] = Median(values.Select(v => Number(v)!.Value).ToList());
            }
            else if (distinct.Count <= MaxCategories)
            {
                categories[key] = distinct;
            }
            else
            {
                leftOut[key] = string.Create(CultureInfo.InvariantCulture, $"{distinct.Count:N0} different values (an id or free text)");
            }
        }

        return new AttributeFeatures(numeric, categories, leftOut);
    }

    /// <summary>One account's vector in <see cref="Names"/> order; a value the training accounts did not have sets no category.</summary>
    public double[] Vector(IReadOnlyDictionary<string, string?> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var numbers = Numeric.OrderBy(n => n.Key, StringComparer.Ordinal)
            .Select(n => Number(Clean(attributes.GetValueOrDefault(n.Key))) ?? n.Value);
        var flags = Categories.OrderBy(c => c.Key, StringComparer.Ordinal)
            .SelectMany(c => c.Value.Select(v => string.Equals(Clean(attributes.GetValueOrDefault(c.Key)), v, StringComparison.Ordinal) ? 1.0 : 0.0));
        return [.. numbers, .. flags];
    }

    /// <summary>The source attribute a feature name comes from ("Contract=Two year" -> "Contract").</summary>
    public string SourceOf(string feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        return Numeric.ContainsKey(feature) ? feature : Categories.Keys.First(k => feature.StartsWith(k + "=", StringComparison.Ordinal));
    }

    /// <summary>A feature's value in words, as the export names it: "tenure is 5", "Contract is Month-to-month" (or "is not").</summary>
    public (string En, string Zh) Describe(string feature, double value)
    {
        ArgumentNullException.ThrowIfNull(feature);
        if (Numeric.ContainsKey(feature))
        {
            var number = value.ToString("0.##", CultureInfo.InvariantCulture);
            return ($"{feature} is {number}", $"{feature}为{number}");
        }

        var source = SourceOf(feature);
        var category = feature[(source.Length + 1)..];
        return value > 0 ? ($"{source} is {category}", $"{source}为{category}") : ($"{source} is not {category}", $"{source}不是{category}");
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static double? Number(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
