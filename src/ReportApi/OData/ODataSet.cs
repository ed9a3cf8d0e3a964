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

    /// <summary>Where the set is read directly; its access rule decides who may read the set by any other way too.</summary>
    public string DirectPath => $"{ODataEndpoints.Root}/{Name}";

    /// <summary>
    /// Refuses (403) a scope whose role may not read this set at <see cref="DirectPath"/>: a set reached through
    /// $expand, a navigation path or any/all is allowed exactly where a request for the set itself would be; and a
    /// region-limited scope a set of <see cref="EntitySetDefinition.EveryRegionOnly"/>.
    /// </summary>
    public void CheckReadable(AccessScope scope)
    {
        if (!AccessPolicy.Allows(DirectPath, HttpMethods.Get, scope.Role))
        {
            throw ODataProblem.Forbidden(
                $"The {scope.Role} role may not read {Name} ({DirectPath}), so it may not reach it through $expand, a navigation path or any/all either.");
        }

        if (Definition.EveryRegionOnly && scope.Regions is { } regions)
        {
            throw ODataProblem.Forbidden(
                $"{Name} holds rows of no region; only a key for every region may read it (this key is limited to {string.Join(", ", regions)}).");
        }
    }

    /// <summary>
    /// The set as this scope may see it, columns named by their OData property: the scope's account filter is
    /// inside, and personal contact fields are null when the scope masks contacts. Every query of the set reads this,
    /// so a set the scope's role may not read is refused here, whatever way the request took to it.
    /// </summary>
    public string BaseSql(AccessScope scope)
    {
        CheckReadable(scope);
        var projection = Columns.Select(c =>
            scope.MasksContacts && Definition.PersonalColumns.Contains(c.Column)
                ? $"null::{c.DuckDbType} as {SqlExtensions.Identifier(c.Property)}"
                : $"src.{SqlExtensions.Identifier(c.Column)} as {SqlExtensions.Identifier(c.Property)}");
        return $"select {string.Join(", ", projection)} from ({Definition.SourceFor(scope)}) src where {Definition.Access(scope)}";
    }
}
