using Microsoft.OData.Edm;

namespace Analytics.ReportApi.OData;

/// <summary>A column of a relation a query reads: the set's property, or what $apply made (a group key, an aggregate, a computed value).</summary>
internal sealed record RelationColumn(string Name, EdmPrimitiveTypeKind Kind, IEdmTypeReference? Type)
{
    public string Sql => Analytics.Warehouse.SqlExtensions.Identifier(Name);
}
