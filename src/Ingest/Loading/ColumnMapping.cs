using Analytics.Ingest.Entities;
using Analytics.Warehouse;

namespace Analytics.Ingest.Loading;

/// <summary>
/// Finds each canonical column in a file (or a transform's select: <paramref name="origin"/> names which, for the
/// message): by the mapping when it names one, else by the same name in any case.
/// </summary>
public static class ColumnMapping
{
    public static IReadOnlyDictionary<string, string?> Resolve(EntitySchema entity, IReadOnlyList<string> sourceColumns,
        IReadOnlyDictionary<string, string> mapped, string origin = "The file")
    {
        var byName = sourceColumns
            .GroupBy(c => c.Trim().TrimStart('\uFEFF'), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var canonical in mapped.Keys.Where(k => entity.Columns.All(c => c.Name != k)))
        {
            throw new WarehouseException($"The mapping names column '{canonical}', which {entity.Name} does not have.");
        }

        var result = new Dictionary<string, string?>();
        foreach (var column in entity.Columns)
        {
            var wanted = mapped.GetValueOrDefault(column.Name) ?? column.Name;
            var found = byName.GetValueOrDefault(wanted);
            if (found is null && mapped.ContainsKey(column.Name))
            {
                throw new WarehouseException($"{origin} has no column '{wanted}', which the mapping gives for {column.Name}.");
            }

            if (found is null && column.Required && column.Default is null)
            {
                throw new WarehouseException($"{origin} has no column '{column.Name}', which every {entity.Name} row needs.");
            }

            result[column.Name] = found;
        }

        return result;
    }

    /// <summary>The source columns that no canonical column takes, in file order.</summary>
    public static IReadOnlyList<string> Unused(IReadOnlyList<string> sourceColumns, IReadOnlyDictionary<string, string?> sourceOf)
    {
        var used = sourceOf.Values.OfType<string>().ToHashSet(StringComparer.Ordinal);
        return sourceColumns.Where(c => !used.Contains(c) && c != MappingTransform.LinesColumn).ToList();
    }
}
