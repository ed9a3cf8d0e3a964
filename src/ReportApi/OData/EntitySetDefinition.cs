using Analytics.ReportApi.Access;

namespace Analytics.ReportApi.OData;

/// <summary>
/// One entity set of the OData service: the warehouse select it reads (snake_case columns, turned into
/// PascalCase properties), its key, and how a request's access scope narrows it.
/// </summary>
/// <param name="Source">a select over core, marts or models tables, read as <c>src</c>.</param>
/// <param name="Access">the predicate on <c>src</c> that keeps only the rows the scope may see ("true" when all).</param>
/// <param name="PersonalColumns">contact fields that come back null when the scope masks contacts.</param>
internal sealed record EntitySetDefinition(
    string Name,
    string TypeName,
    string Source,
    IReadOnlyList<string> Key,
    Func<AccessScope, string> Access,
    IReadOnlyList<string> PersonalColumns)
{
    public static Func<AccessScope, string> ByAccount(string column) => scope => scope.AccountFilter($"src.{column}");

    public static Func<AccessScope, string> Unrestricted { get; } = _ => "true";
}
