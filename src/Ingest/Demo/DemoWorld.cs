namespace Analytics.Ingest.Demo;

/// <summary>
/// What every account of one demo company shares and nobody changes while accounts are simulated:
/// the period, the service calendar, the service stations and the account managers.
/// </summary>
internal sealed class DemoWorld
{
    public DemoWorld(DemoOptions options, ServiceCalendar calendar)
    {
        Options = options;
        Calendar = calendar;
        Start = options.Start;
        End = options.End;
        Cutoff = End.AddDays(1).ToDateTime(TimeOnly.MinValue);
        FirstMonth = new DateOnly(Start.Year, Start.Month, 1);
        MonthCount = ((End.Year - Start.Year) * 12) + End.Month - Start.Month + 1;
        Sites = MakeSites(options, MonthCount);
        OwnersByRegion = MakeOwners(options);
    }

    public DemoOptions Options { get; }

    public ServiceCalendar Calendar { get; }

    public DateOnly Start { get; }

    public DateOnly End { get; }

    /// <summary>The moment the export was taken (midnight after <see cref="End"/>): nothing after it has happened yet.</summary>
    public DateTime Cutoff { get; }

    public DateOnly FirstMonth { get; }

    public int MonthCount { get; }

    /// <summary>One station per city, indexed like <see cref="Cities.All"/>.</summary>
    public IReadOnlyList<ServiceSite> Sites { get; }

    public IReadOnlyDictionary<string, string[]> OwnersByRegion { get; }

    public DateOnly MonthStart(int month) => FirstMonth.AddMonths(month);

    /// <summary>The month index of a day: negative before the period.</summary>
    public int MonthOf(DateOnly day) => ((day.Year - FirstMonth.Year) * 12) + day.Month - FirstMonth.Month;

    /// <summary>Monday to Friday outside holidays: when orders are placed and invoices fall due (service runs every day, business does not).</summary>
    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Calendar.IsHoliday(day);

    public DateOnly NextWorkingDay(DateOnly day)
    {
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    public DateOnly AddWorkingDays(DateOnly day, int days)
    {
        for (var i = 0; i < days; i++)
        {
            day = NextWorkingDay(day.AddDays(1));
        }

        return day;
    }

    private static ServiceSite[] MakeSites(DemoOptions options, int months)
    {
        var totalWeight = Cities.Weights.Sum();
        return Cities.All.Select((city, i) =>
        {
            var random = DemoRandom.For(options.Seed, -1_000 - i);
            // About one engineer per 30 accounts, at least two per station.
            var engineers = Math.Max(2, (int)Math.Round(options.Accounts / 30.0 * city.Weight / totalWeight));
            var names = Enumerable.Range(0, engineers).Select(_ => ChineseNames.Person(random)).ToArray();
            var slowness = names.Select(_ => random.LogNormal(1, 0.35)).ToArray();
            var load = Enumerable.Range(0, months).Select(_ => random.Chance(0.08) ? random.Between(1.8, 3.0) : random.Between(0.85, 1.15)).ToArray();
            return new ServiceSite(city.Site, names, slowness, random.LogNormal(1, 0.3), load);
        }).ToArray();
    }

    private static Dictionary<string, string[]> MakeOwners(DemoOptions options)
    {
        var totalWeight = Cities.Weights.Sum();
        return Cities.Regions.Select((region, i) =>
        {
            var random = DemoRandom.For(options.Seed, -100 - i);
            var share = Cities.All.Where(c => c.Region == region).Sum(c => c.Weight) / totalWeight;
            // An account manager (客户经理) looks after about 45 key accounts.
            var count = Math.Max(2, (int)Math.Round(options.Accounts * share / 45.0));
            return (region, names: Enumerable.Range(0, count).Select(_ => ChineseNames.Person(random)).ToArray());
        }).ToDictionary(x => x.region, x => x.names);
    }
}
