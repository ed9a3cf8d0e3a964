using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.Warehouse;
using DuckDB.NET.Data;
using Microsoft.OData.Edm;

namespace Analytics.ReportApi.OData;

/// <summary>
/// Builds the EDM from the warehouse: each set's select is described by DuckDB, so a property's type is the
/// column's own (DECIMAL(18,2) stays Edm.Decimal with that precision and scale, DATE is Edm.Date, timestamps are
/// Edm.DateTimeOffset in UTC). Columns of types OData has no primitive for are left out.
/// </summary>
internal static partial class WarehouseModelBuilder
{
    public static WarehouseModel Build(DuckDBConnection connection)
    {
        var model = new EdmModel();
        var container = new EdmEntityContainer(WarehouseModel.Namespace, "Warehouse");
        model.AddElement(container);
        var sets = new Dictionary<string, ODataSet>(StringComparer.Ordinal);
        foreach (var definition in EntitySetCatalog.Sets)
        {
            var columns = Describe(connection, definition);
            var type = new EdmEntityType(WarehouseModel.Namespace, definition.TypeName);
            foreach (var column in columns)
            {
                var property = type.AddStructuralProperty(column.Property, column.Type);
                if (definition.Key.Contains(column.Column))
                {
                    type.AddKeys(property);
                }
            }

            model.AddElement(type);
            var entitySet = container.AddEntitySet(definition.Name, type);
            sets.Add(definition.Name, new ODataSet(definition, entitySet, type, columns));
        }

        foreach (var navigation in EntitySetCatalog.Navigations)
        {
            var source = sets[navigation.Source];
            var target = sets[navigation.Target];
            var property = source.EntityType.AddUnidirectionalNavigation(new EdmNavigationPropertyInfo
            {
                Name = navigation.Name,
                Target = target.EntityType,
                TargetMultiplicity = navigation.IsCollection ? EdmMultiplicity.Many : EdmMultiplicity.ZeroOrOne,
            });
            source.EntitySet.AddNavigationTarget(property, target.EntitySet);
        }

        ModelAnnotations.Add(model, container, sets.Values);
        return new WarehouseModel(model, sets, EntitySetCatalog.Navigations);
    }

    /// <summary>account_id -> AccountId.</summary>
    public static string PropertyName(string column) =>
        string.Concat(column.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static List<ODataColumn> Describe(DuckDBConnection connection, EntitySetDefinition definition)
    {
        var described = connection.Rows($"describe {definition.Source}", r => (Name: r.Get<string>("column_name"), Type: r.Get<string>("column_type")));
        var columns = new List<ODataColumn>();
        foreach (var (name, duckType) in described)
        {
            var isKey = definition.Key.Contains(name);
            if (EdmType(duckType, nullable: !isKey) is { } edmType)
            {
                columns.Add(new ODataColumn(name, PropertyName(name), duckType, edmType));
            }
            else if (isKey)
            {
                throw new InvalidOperationException($"The key {name} of {definition.Name} has the type {duckType}, which OData cannot carry.");
            }
        }

        return columns;
    }

    private static IEdmPrimitiveTypeReference? EdmType(string duckType, bool nullable)
    {
        var core = EdmCoreModel.Instance;
        if (DecimalType().Match(duckType) is { Success: true } m)
        {
            return core.GetDecimal(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), nullable);
        }

        return duckType switch
        {
            "VARCHAR" => core.GetString(nullable),
            "BOOLEAN" => core.GetBoolean(nullable),
            "TINYINT" or "SMALLINT" => core.GetInt16(nullable),
            "INTEGER" => core.GetInt32(nullable),
            "BIGINT" => core.GetInt64(nullable),
            "FLOAT" => core.GetSingle(nullable),
            "DOUBLE" => core.GetDouble(nullable),
            "DATE" => core.GetDate(nullable),
            "TIMESTAMP WITH TIME ZONE" or "TIMESTAMP" => core.GetDateTimeOffset(nullable),
            "TIME" => core.GetTimeOfDay(nullable),
            _ => null,
        };
    }

    [GeneratedRegex(@"^DECIMAL\((\d+),(\d+)\)$")]
    private static partial Regex DecimalType();
}
