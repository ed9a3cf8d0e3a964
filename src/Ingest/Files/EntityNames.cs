using Analytics.Ingest.Entities;

namespace Analytics.Ingest.Files;

/// <summary>Which entity a file holds when nothing says so: the first word of its name (orders_2024-05.csv is orders).</summary>
public static class EntityNames
{
    public static EntitySchema? FromFileName(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        return EntityCatalog.All
            .OrderByDescending(e => e.Name.Length)
            .FirstOrDefault(e => name.StartsWith(e.Name, StringComparison.Ordinal) &&
                                 (name.Length == e.Name.Length || !char.IsAsciiLetter(name[e.Name.Length])));
    }
}
