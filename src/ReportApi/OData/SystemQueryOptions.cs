using Microsoft.Extensions.Primitives;

namespace Analytics.ReportApi.OData;

/// <summary>
/// The system query options the service reads. Any other '$' option, and an option's name without its '$'
/// ('filter=', 'top='), is refused with a 400 naming it: ignoring it would answer as if a filter had been applied
/// when none was. A client's own parameter of another name passes, as OData allows custom query options.
/// </summary>
internal static class SystemQueryOptions
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "$filter", "$select", "$expand", "$orderby", "$top", "$skip", "$count", "$apply", "$search", "$compute", "$format", "$skiptoken",
    };

    public static void Check(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        foreach (var (name, _) in query)
        {
            if (name.StartsWith('$') && !Names.Contains(name))
            {
                throw ODataProblem.Limit("UnknownQueryOption",
                    $"The query option '{name}' is not one the service knows; it takes {string.Join(", ", Names)}.");
            }

            if (!name.StartsWith('$') && Names.Contains("$" + name))
            {
                throw ODataProblem.Limit("UnknownQueryOption",
                    $"The query option '{name}' needs its dollar sign: write '${name.ToLowerInvariant()}'.");
            }
        }
    }
}
