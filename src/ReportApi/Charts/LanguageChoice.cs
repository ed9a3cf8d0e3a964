using Microsoft.Net.Http.Headers;

namespace Analytics.ReportApi.Charts;

/// <summary>
/// Which language a request wants: <c>lang=zh|en</c> in the query (the page's switch), else the first of
/// Chinese or English in Accept-Language by quality, else Chinese, the language of the accounts' own names.
/// </summary>
internal static class LanguageChoice
{
    public static Language? Parse(string? code) => code?.ToUpperInvariant() switch
    {
        "ZH" => Language.Zh,
        "EN" => Language.En,
        _ => null,
    };

    public static string Code(Language language) => language == Language.Zh ? "zh" : "en";

    public static Language FromHeader(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var values))
        {
            return Language.Zh;
        }

        foreach (var value in values.OrderByDescending(v => v.Quality ?? 1))
        {
            var tag = value.Value.Value ?? "";
            if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
            {
                return Language.Zh;
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return Language.En;
            }
        }

        return Language.Zh;
    }
}
