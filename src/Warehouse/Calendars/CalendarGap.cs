using System.Globalization;

namespace Analytics.Warehouse;

/// <summary>
/// Tickets whose SLA minutes a holiday calendar could not fully decide (<c>calendar_covered</c> false in
/// marts.ticket_sla): how many, the uncovered years their clocks read, and the years the calendar does cover
/// (null when it covers none).
/// </summary>
public sealed record CalendarGap(string Calendar, long Tickets, IReadOnlyList<int> Years, int? CoveredFrom, int? CoveredTo)
{
    /// <summary>The first day after the covered years, when tickets fall outside after them; null otherwise.</summary>
    public DateOnly? OutsideFrom => CoveredTo is { } last && Years.Any(y => y > last) ? new DateOnly(last + 1, 1, 1) : null;

    /// <summary>One sentence for an operator: the calendar, the years, and what to do.</summary>
    public string Warning()
    {
        var years = string.Join(", ", Years.Select(y => y.ToString(CultureInfo.InvariantCulture)));
        var covered = CoveredFrom is { } first ? string.Create(CultureInfo.InvariantCulture, $"{first}-{CoveredTo}") : "none";
        var from = OutsideFrom is { } day ? string.Create(CultureInfo.InvariantCulture, $"; tickets from {day:yyyy-MM-dd} fall outside") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"calendar {Calendar}: {Tickets:N0} tickets have SLA minutes over {years}, outside the years it covers ({covered}{from}), counted as if those years had no holidays: load its holidays for {years}.");
    }
}
