using Microsoft.OData.Edm;

namespace Analytics.ReportApi.OData;

/// <summary>A warehouse column as an OData property: its DuckDB type, its EDM type, and how the base select reads it.</summary>
internal sealed record ODataColumn(string Column, string Property, string DuckDbType, IEdmPrimitiveTypeReference Type)
{
    public EdmPrimitiveTypeKind Kind => Type.PrimitiveKind();
}
