using Analytics.Warehouse;
using Analytics.Warehouse.Reports;

namespace Analytics.ReportApi.Charts;

/// <summary>
/// The query parameters every chart and the dashboard take: window (3, 6 or 12 months), tier (A, B, C),
/// region, lang (zh, en) and, for the churn chart, group. Bad values are refused with a sentence, never guessed.
/// </summary>
internal sealed record ChartRequest(ReportFilter Filter, Language Language, string Group)
{
    public static IReadOnlyList<int> Windows { get; } = [3, 6, 12];

    public static IReadOnlyList<string> Tiers { get; } = DeclaredValues.Tiers;

    public static IReadOnlyList<string> Groups { get; } = ["tier", "level", "lifecycle_stage", "region", "industry"];

    /// <summary>The request's parameters, or the sentence saying which one is wrong.</summary>
    public static (ChartRequest? Request, string? Error) Parse(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        var window = ReportFilter.Default.WindowMonths;
        if (Text(query["window"]) is { } w && (!int.TryParse(w, out window) || !Windows.Contains(window)))
        {
            return (null, $"window must be one of {string.Join(", ", Windows)} (months), not '{w}'.");
        }

        var tier = Text(query["tier"]);
        if (tier is not null && !Tiers.Contains(tier))
        {
            return (null, $"tier must be A, B or C, not '{tier}'.");
        }

        var language = LanguageChoice.FromHeader(request);
        if (Text(query["lang"]) is { } code)
        {
            if (LanguageChoice.Parse(code) is not { } chosen)
            {
                return (null, $"lang must be zh or en, not '{code}'.");
            }

            language = chosen;
        }

        var group = Text(query["group"]) ?? "tier";
        if (!Groups.Contains(group))
        {
            return (null, $"group must be one of {string.Join(", ", Groups)}, not '{group}'.");
        }

        return (new ChartRequest(new ReportFilter(window, tier, Text(query["region"])), language, group), null);
    }

    /// <summary>The parameters as a query string (empty ones left out), for links and image sources.</summary>
    public string QueryString(Language? language = null)
    {
        var parts = new List<string> { $"window={Filter.WindowMonths}" };
        if (Filter.Tier is { } tier)
        {
            parts.Add("tier=" + Uri.EscapeDataString(tier));
        }

        if (Filter.Region is { } region)
        {
            parts.Add("region=" + Uri.EscapeDataString(region));
        }

        parts.Add("lang=" + LanguageChoice.Code(language ?? Language));
        return string.Join("&", parts);
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString().Trim();
}
