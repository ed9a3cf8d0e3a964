namespace Analytics.ReportApi.OData;

/// <summary>
/// What one request answers: the rows of one page (each holding <see cref="Fetched"/> columns, of which
/// <see cref="Written"/> go into the response), the true count when asked, the next page's link, and expansions.
/// </summary>
internal sealed class ODataPage
{
    public required IReadOnlyList<RelationColumn> Fetched { get; init; }

    public required IReadOnlyList<int> Written { get; init; }

    public required List<object?[]> Rows { get; init; }

    public long? Count { get; set; }

    public Uri? NextLink { get; set; }

    public List<Expansion> Expansions { get; } = [];

    public int IndexOf(string column)
    {
        for (var i = 0; i < Fetched.Count; i++)
        {
            if (Fetched[i].Name == column)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{column} was not fetched.");
    }
}

/// <summary>The related entities of one expanded navigation, by the value that links them to the page's rows.</summary>
internal sealed record Expansion(string Name, bool IsCollection, int ParentColumn, ODataPage Children, Dictionary<object, List<object?[]>> ByParentValue);
