using System.Globalization;
using System.Reflection;
using DuckDB.NET.Data;

namespace Analytics.Warehouse;

/// <summary>
/// The shipped holiday calendars (Calendars/CODE.csv): read once here, for core.holidays (holiday periods and make-up working
/// days, 调休上班) and for anyone who walks a service calendar.
/// </summary>
public static class HolidayCalendars
{
    private const string Folder = "Calendars/";

    /// <summary>The calendar codes shipped (CN, ...).</summary>
    public static IReadOnlyList<string> Codes { get; } = Assembly.GetExecutingAssembly().GetManifestResourceNames()
        .Where(n => n.StartsWith(Folder, StringComparison.Ordinal) && n.EndsWith(".csv", StringComparison.Ordinal))
        .Select(n => n[Folder.Length..^".csv".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The holiday periods of one calendar, in file order (its make-up working days left out); unknown codes throw.</summary>
    public static IReadOnlyList<HolidayPeriod> Periods(string calendar) =>
        Rows(calendar).Where(r => r.Kind == "holiday").Select(r => r.Period).ToList();

    private static IEnumerable<(HolidayPeriod Period, string Kind)> Rows(string calendar)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var resource = Folder + calendar + ".csv";
        if (!assembly.GetManifestResourceNames().Contains(resource, StringComparer.Ordinal))
        {
            throw new WarehouseException($"There is no holiday calendar '{calendar}'; known: {string.Join(", ", Codes)}.");
        }

        return EmbeddedCsv.Rows(resource)
            .Select(f => (new HolidayPeriod(calendar, f[0], f[1], ParseDate(f[2]), ParseDate(f[3])), f[4]))
            .ToList();
    }

    internal static void Refresh(DuckDBConnection connection)
    {
        var rows = Codes.SelectMany(Rows).ToList();
        using var transaction = connection.BeginTransaction();
        connection.Execute("delete from core.holidays");
        using (var appender = connection.CreateAppender("core", "holidays"))
        {
            foreach (var (p, kind) in rows)
            {
                appender.CreateRow().AppendValue(p.Calendar).AppendValue(p.Holiday).AppendValue(p.Name).AppendValue(p.Start).AppendValue(p.End)
                    .AppendValue(kind).EndRow();
            }
        }

        transaction.Commit();
    }

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
