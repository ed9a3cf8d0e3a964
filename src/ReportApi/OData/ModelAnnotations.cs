using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Vocabularies;

namespace Analytics.ReportApi.OData;

/// <summary>
/// Capabilities and Aggregation annotations in $metadata, so clients (Power BI, Excel) know what the service
/// does: read-only sets, counting, paging, the filter functions and $apply transformations the translator pushes down.
/// Each says only what the translator really does; the tests send every option named here.
/// </summary>
internal static class ModelAnnotations
{
    public const string CapabilitiesNamespace = "Org.OData.Capabilities.V1";
    public const string AggregationNamespace = "Org.OData.Aggregation.V1";

    public static IReadOnlyList<string> FilterFunctions { get; } =
    [
        "contains", "startswith", "endswith", "tolower", "toupper", "trim", "length", "indexof", "substring", "concat",
        "year", "month", "day", "hour", "minute", "second", "date", "time", "now", "round", "floor", "ceiling",
    ];

    public static IReadOnlyList<string> Transformations { get; } = ["filter", "groupby", "aggregate", "compute"];

    public static void Add(EdmModel model, EdmEntityContainer container, IEnumerable<ODataSet> sets)
    {
        Annotate(model, container, "FilterFunctions", new EdmCollectionExpression(FilterFunctions.Select(f => new EdmStringConstant(f))));
        Annotate(model, container, "ConformanceLevel", new EdmEnumMemberExpression(
            ((IEdmEnumType)model.FindType($"{CapabilitiesNamespace}.ConformanceLevelType")).Members.Single(m => m.Name == "Minimal")));
        var applySupported = Aggregation.ApplySupportedTerm(model);
        foreach (var set in sets)
        {
            var entitySet = set.EntitySet;
            Annotate(model, entitySet, "InsertRestrictions", Record(("Insertable", new EdmBooleanConstant(false))));
            Annotate(model, entitySet, "UpdateRestrictions", Record(("Updatable", new EdmBooleanConstant(false))));
            Annotate(model, entitySet, "DeleteRestrictions", Record(("Deletable", new EdmBooleanConstant(false))));
            Annotate(model, entitySet, "CountRestrictions", Record(("Countable", new EdmBooleanConstant(true))));
            Annotate(model, entitySet, "TopSupported", new EdmBooleanConstant(true));
            Annotate(model, entitySet, "SkipSupported", new EdmBooleanConstant(true));
            Annotate(model, entitySet, "SearchRestrictions", Record(("Searchable", new EdmBooleanConstant(false))));
            Annotate(model, entitySet, "ExpandRestrictions", Record(("Expandable", new EdmBooleanConstant(true)), ("MaxLevels", new EdmIntegerConstant(1))));
            Annotate(model, entitySet, "FilterRestrictions", Record(("Filterable", new EdmBooleanConstant(true))));
            Annotate(model, entitySet, "SortRestrictions", Record(("Sortable", new EdmBooleanConstant(true))));
            List<(string, IEdmExpression)> apply =
            [
                ("Transformations", new EdmCollectionExpression(Transformations.Select(t => new EdmStringConstant(t)))),
                ("Rollup", new EdmEnumMemberExpression(Aggregation.RollupNone(model))),
            ];
            if (set.Definition.Measures is { } measures)
            {
                apply.AddRange(Dimensions(set, measures));
            }

            AddAnnotation(model, entitySet, applySupported, Record([.. apply]));
        }
    }

    /// <summary>
    /// An aggregated set's dimensions (its key: the properties to group by) and measures (to sum), as the
    /// Aggregation vocabulary names them, so a BI tool that reads it offers the right ones. A ratio (met_rate) is
    /// neither: it does not add up, a client recomputes it from the measures.
    /// </summary>
    private static IEnumerable<(string, IEdmExpression)> Dimensions(ODataSet set, IReadOnlyList<string> measures)
    {
        var measured = set.Columns.Where(c => measures.Contains(c.Column));
        yield return ("GroupableProperties", new EdmCollectionExpression(
            set.Key.Select(c => new EdmPropertyPathExpression(c.Property))));
        yield return ("AggregatableProperties", new EdmCollectionExpression(measured.Select(c => Record(
            ("Property", new EdmPropertyPathExpression(c.Property)),
            ("RecommendedAggregationMethod", new EdmStringConstant("sum"))))));
    }

    private static EdmRecordExpression Record(params (string Name, IEdmExpression Value)[] properties) =>
        new(properties.Select(p => new EdmPropertyConstructor(p.Name, p.Value)));

    private static void Annotate(EdmModel model, IEdmVocabularyAnnotatable target, string term, IEdmExpression value) =>
        AddAnnotation(model, target, model.FindTerm($"{CapabilitiesNamespace}.{term}")
            ?? throw new InvalidOperationException($"The Capabilities vocabulary has no term {term}."), value);

    private static void AddAnnotation(EdmModel model, IEdmVocabularyAnnotatable target, IEdmTerm term, IEdmExpression value)
    {
        var annotation = new EdmVocabularyAnnotation(target, term, value);
        annotation.SetSerializationLocation(model, EdmVocabularyAnnotationSerializationLocation.Inline);
        model.AddVocabularyAnnotation(annotation);
    }
}
