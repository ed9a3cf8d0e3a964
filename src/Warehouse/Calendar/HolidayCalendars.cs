using System.Reflection;
using DuckDB.NET.Data;

namespace Analytics.Warehouse;

/// <summary>Loads the shipped holiday calendars (Calendars/CODE.csv) into core.holidays.</summary>
public static class HolidayCalendars
{
    internal static void Refresh(DuckDBConnection connection)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var rows = new List<(string Calendar, string Holiday, string Name, DateOnly Start, DateOnly End)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Calendars/", StringComparison.Ordinal)))
        {
            var calendar = Path.GetFileNameWithoutExtension(resource);
            foreach (var line in Migrator.ReadResource(assembly, resource).Split('\n').Skip(1).Where(l => l.Trim().Length > 0))
            {
                var f = line.Trim().Split(',');
                rows.Add((calendar, f[0], f[1], DateOnly.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        using var transaction = connection.BeginTransaction();
        connection.Execute("delete from core.holidays");
        using (var appender = connection.CreateAppender("core", "holidays"))
        {
            foreach (var r in rows)
            {
                appender.CreateRow().AppendValue(r.Calendar).AppendValue(r.Holiday).AppendValue(r.Name).AppendValue(r.Start).AppendValue(r.End).EndRow();
            }
        }

        transaction.Commit();
    }
}
