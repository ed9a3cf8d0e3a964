using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Vocabularies;

namespace Analytics.ReportApi.OData;

/// <summary>
/// The part of the OASIS Aggregation vocabulary our $metadata uses. Microsoft.OData.Edm does not ship it, so the
/// terms are declared here in their own namespace and referenced from the vocabulary's published URL, as a
/// client that knows the vocabulary expects.
/// </summary>
internal static class Aggregation
{
    public const string VocabularyUrl = "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Aggregation.V1.xml";

    public static IEdmTerm ApplySupportedTerm(EdmModel model)
    {
        var vocabulary = Vocabulary(model);
        return vocabulary.FindDeclaredTerm($"{ModelAnnotations.AggregationNamespace}.ApplySupported")!;
    }

    public static IEdmEnumMember RollupNone(EdmModel model) =>
        ((IEdmEnumType)Vocabulary(model).FindDeclaredType($"{ModelAnnotations.AggregationNamespace}.RollupType")!).Members.Single(m => m.Name == "None");

    private static IEdmModel Vocabulary(EdmModel model)
    {
        if (model.ReferencedModels.FirstOrDefault(m => m.DeclaredNamespaces.Contains(ModelAnnotations.AggregationNamespace)) is { } existing)
        {
            return existing;
        }

        var vocabulary = new EdmModel();
        var rollup = new EdmEnumType(ModelAnnotations.AggregationNamespace, "RollupType");
        rollup.AddMember("None", new EdmEnumMemberValue(0));
        rollup.AddMember("SingleHierarchy", new EdmEnumMemberValue(1));
        rollup.AddMember("MultipleHierarchies", new EdmEnumMemberValue(2));
        vocabulary.AddElement(rollup);
        var path = EdmCoreModel.Instance.GetPathType(EdmPathTypeKind.PropertyPath, false);
        var aggregatable = new EdmComplexType(ModelAnnotations.AggregationNamespace, "AggregatablePropertyType");
        aggregatable.AddStructuralProperty("Property", path);
        aggregatable.AddStructuralProperty("RecommendedAggregationMethod", EdmCoreModel.Instance.GetString(true));
        vocabulary.AddElement(aggregatable);
        var record = new EdmComplexType(ModelAnnotations.AggregationNamespace, "ApplySupportedType");
        record.AddStructuralProperty("Transformations", new EdmCollectionTypeReference(new EdmCollectionType(EdmCoreModel.Instance.GetString(false))));
        record.AddStructuralProperty("Rollup", new EdmEnumTypeReference(rollup, false));
        record.AddStructuralProperty("GroupableProperties", new EdmCollectionTypeReference(new EdmCollectionType(path)));
        record.AddStructuralProperty("AggregatableProperties", new EdmCollectionTypeReference(new EdmCollectionType(new EdmComplexTypeReference(aggregatable, false))));
        vocabulary.AddElement(record);
        vocabulary.AddElement(new EdmTerm(ModelAnnotations.AggregationNamespace, "ApplySupported", new EdmComplexTypeReference(record, true), "EntitySet EntityContainer"));
        model.AddReferencedModel(vocabulary);

        var reference = new EdmReference(new Uri(VocabularyUrl));
        reference.AddInclude(new EdmInclude("Aggregation", ModelAnnotations.AggregationNamespace));
        var capabilities = new EdmReference(new Uri("https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Capabilities.V1.xml"));
        capabilities.AddInclude(new EdmInclude("Capabilities", ModelAnnotations.CapabilitiesNamespace));
        model.SetEdmReferences([reference, capabilities]);
        return vocabulary;
    }
}
