using Analytics.ReportApi.Access;
using Analytics.Warehouse;
using Microsoft.OData.Edm;

namespace Analytics.ReportApi.OData;

/// <summary>An entity set as the service runs it: its definition, EDM objects and columns.</summary>
internal sealed class ODataSet(EntitySetDefinition definition, EdmEntitySet entitySet, EdmEntityType entityType, IReadOnlyList<ODataColumn> columns)
{
    public EntitySetDefinition Definition { get; } = definition;

    public string Name => Definition.Name;

    public EdmEntitySet EntitySet { get; } = entitySet;

    public EdmEntityType EntityType { get; } = entityType;

    public IReadOnlyList<ODataColumn> Columns { get; } = columns;

    public IReadOnlyList<ODataColumn> Key { get; } =
        [.. definition.Key.Select(k => columns.Single(c => c.Column == k))];

    public ODataColumn Column(string column) => Columns.Single(c => c.Column == column);

    /// <summary>
    /// The set as this scope may see it, columns named by their OData property: the scope's account filter is
    /// inside, and personal contact fields are null when the scope masks contacts. Every query of the set reads this.
    /// </summary>
    public string BaseSql(AccessScope scope)
    {
        var projection = Columns.Select(c =>
            scope.MasksContacts && Definition.PersonalColumns.Contains(c.Column)
                ? $"null::{c.DuckDbType} as {SqlExtensions.Identifier(c.Property)}"
                : $"src.{SqlExtensions.Identifier(c.Column)} as {SqlExtensions.Identifier(c.Property)}");
        return $"select {string.Join(", ", projection)} from ({Definition.SourceFor(scope)}) src where {Definition.Access(scope)}";
    }
}
