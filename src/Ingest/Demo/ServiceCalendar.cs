using Analytics.Warehouse;

namespace Analytics.Ingest.Demo;

/// <summary>
/// The agreement's service window: 09:00-17:00 Beijing time on every day that is not inside a public
/// holiday period. SLA clocks run only inside it, so a response "within 2 hours" asked for at 16:30
/// may arrive at 10:30 the next service day. Times are local (Asia/Shanghai) wall-clock times.
/// </summary>
public sealed class ServiceCalendar
{
    public static readonly TimeSpan Opens = TimeSpan.FromHours(9);
    public static readonly TimeSpan Closes = TimeSpan.FromHours(17);

    private static readonly Lazy<ServiceCalendar> ChinaCalendar = new(() => new ServiceCalendar(HolidayCalendars.Periods("CN")));

    // Holiday flags by day number from the first holiday listed; days outside that span are service days.
    private readonly bool[] _holiday;
    private readonly int _firstDay;

    public ServiceCalendar(IEnumerable<HolidayPeriod> periods)
    {
        var list = periods.ToList();
        _firstDay = list.Count == 0 ? 0 : list.Min(p => p.Start.DayNumber);
        var lastDay = list.Count == 0 ? -1 : list.Max(p => p.End.DayNumber);
        _holiday = new bool[lastDay - _firstDay + 1];
        foreach (var p in list)
        {
            for (var d = p.Start.DayNumber; d <= p.End.DayNumber; d++)
            {
                _holiday[d - _firstDay] = true;
            }
        }
    }

    /// <summary>Mainland China (the shipped CN calendar).</summary>
    public static ServiceCalendar China => ChinaCalendar.Value;

    public static TimeSpan WindowLength => Closes - Opens;

    public bool IsHoliday(DateOnly day)
    {
        var i = day.DayNumber - _firstDay;
        return i >= 0 && i < _holiday.Length && _holiday[i];
    }

    public bool IsServiceDay(DateOnly day) => !IsHoliday(day);

    /// <summary>True from 09:00 (included) to 17:00 (excluded) on a service day.</summary>
    public bool IsInWindow(DateTime local) =>
        IsServiceDay(DateOnly.FromDateTime(local)) && local.TimeOfDay >= Opens && local.TimeOfDay < Closes;

    /// <summary>The first service day on or after <paramref name="day"/>.</summary>
    public DateOnly NextServiceDay(DateOnly day)
    {
        while (IsHoliday(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>Where a clock started at <paramref name="local"/> actually starts: the moment itself, or the next opening.</summary>
    public DateTime NextServiceMoment(DateTime local)
    {
        var day = DateOnly.FromDateTime(local);
        if (IsServiceDay(day) && local.TimeOfDay < Closes)
        {
            return local.TimeOfDay >= Opens ? local : At(day, Opens);
        }

        return At(NextServiceDay(day.AddDays(1)), Opens);
    }

    /// <summary>The moment <paramref name="service"/> of service time after <paramref name="local"/>, skipping nights and holidays.</summary>
    public DateTime Add(DateTime local, TimeSpan service)
    {
        var t = NextServiceMoment(local);
        var left = service;
        while (true)
        {
            var close = t.Date + Closes;
            if (left <= close - t)
            {
                return t + left;
            }

            left -= close - t;
            t = At(NextServiceDay(DateOnly.FromDateTime(t).AddDays(1)), Opens);
        }
    }

    /// <summary>Service time between two moments: what an SLA clock shows (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Between(DateTime from, DateTime to)
    {
        var total = TimeSpan.Zero;
        var t = NextServiceMoment(from);
        while (t < to)
        {
            var close = t.Date + Closes;
            if (to <= close)
            {
                return total + (to - t);
            }

            total += close - t;
            t = At(NextServiceDay(DateOnly.FromDateTime(t).AddDays(1)), Opens);
        }

        return total;
    }

    private static DateTime At(DateOnly day, TimeSpan time) => day.ToDateTime(TimeOnly.MinValue) + time;
}
