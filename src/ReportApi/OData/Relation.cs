namespace Analytics.ReportApi.OData;

/// <summary>
/// What a query reads from: a select statement, the columns it gives, and the columns that identify a row (appended
/// to every ORDER BY so pages never overlap or skip rows).
/// </summary>
internal sealed record Relation(string Sql, IReadOnlyList<RelationColumn> Columns, IReadOnlyList<string> Identity)
{
    public IReadOnlyDictionary<string, RelationColumn> ByName { get; } = Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static Relation Of(ODataSet set, Access.AccessScope scope) =>
        new(set.BaseSql(scope), [.. set.Columns.Select(c => new RelationColumn(c.Property, c.Kind, c.Type))], [.. set.Key.Select(k => k.Property)]);
}
