using Microsoft.OData.Edm;

namespace Analytics.ReportApi.OData;

internal static class EdmTypeExtensions
{
    public static IEdmPrimitiveTypeReference? AsPrimitiveOrNull(this IEdmTypeReference type) =>
        type.IsPrimitive() ? type.AsPrimitive() : null;
}
