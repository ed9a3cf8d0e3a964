using DuckDB.NET.Data;

namespace Analytics.Warehouse.Marts;

/// <summary>
/// The reference lists the duplicate rules read (Marts/Reference/*.csv: place names, traditional characters), loaded
/// into core.place_names and core.traditional_characters each time the warehouse opens, so a new list ships with
/// the code the way the holiday calendars do.
/// </summary>
public static class NameReference
{
    /// <summary>Traditional character -> simplified, as shipped; the demo writes traditional variants with it.</summary>
    public static IReadOnlyDictionary<char, char> Simplified { get; } =
        EmbeddedCsv.Rows("Reference/traditional_characters.csv").ToDictionary(f => f[0][0], f => f[1][0]);

    internal static void Refresh(DuckDBConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        connection.Execute("delete from core.place_names; delete from core.traditional_characters");
        using (var appender = connection.CreateAppender("core", "place_names"))
        {
            foreach (var f in EmbeddedCsv.Rows("Reference/place_names.csv"))
            {
                appender.CreateRow().AppendValue(f[0]).AppendValue(f[1]).AppendValue(f[2]).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("core", "traditional_characters"))
        {
            foreach (var (traditional, simplified) in Simplified)
            {
                appender.CreateRow().AppendValue(traditional.ToString()).AppendValue(simplified.ToString()).EndRow();
            }
        }

        transaction.Commit();
    }
}
