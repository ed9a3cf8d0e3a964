using Microsoft.OData.Edm;

namespace Analytics.ReportApi.OData;

/// <summary>The EDM model of the service and the sets behind it, built once from the warehouse's own column types.</summary>
internal sealed class WarehouseModel(EdmModel model, IReadOnlyDictionary<string, ODataSet> sets, IReadOnlyList<NavigationDefinition> navigations)
{
    public const string Namespace = "Analytics";

    public EdmModel Edm { get; } = model;

    public IReadOnlyDictionary<string, ODataSet> Sets { get; } = sets;

    public IReadOnlyList<NavigationDefinition> Navigations { get; } = navigations;

    public NavigationDefinition Navigation(string source, string name) =>
        Navigations.Single(n => n.Source == source && n.Name == name);
}
