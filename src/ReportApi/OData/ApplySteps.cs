using System.Text.RegularExpressions;

namespace Analytics.ReportApi.OData;

/// <summary>
/// Counts the transformations of a $apply (and of any $apply inside $expand) in the request's text, before the OData
/// parser or DuckDB sees them: a URL of many nested steps costs minutes to parse and plan, which the time limit
/// cannot stop, so it is refused up front. Each transformation counts, a groupby's aggregate as one more.
/// </summary>
internal static partial class ApplySteps
{
    public static int Count(string text) => Transformation().Count(StringLiteral().Replace(text, "''"));

    public static void Check(string? apply, string? expand, ODataLimits limits)
    {
        var steps = Count(apply ?? "") + Count(expand ?? "");
        if (steps > limits.MaxApplySteps)
        {
            throw ODataProblem.Limit("TooManyApplySteps",
                $"$apply may hold at most {limits.MaxApplySteps} transformations (a groupby with its aggregate counts two); this one has {steps}. "
                + "Split the question into fewer steps, or read a mart that already holds the figures.");
        }
    }

    // concat is left out: it is also a string function, and a concat transformation is refused unparsed-deep anyway
    // through the steps inside it. OData string literals, with '' for a quote inside: their text names no transformation.
    [GeneratedRegex("'(?:[^']|'')*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\b(?:aggregate|groupby|filter|compute|expand|search|topcount|topsum|toppercent|bottomcount|bottomsum|bottompercent|orderby|top|skip|nest|join|outerjoin|ancestors|descendants|traverse)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex Transformation();
}
