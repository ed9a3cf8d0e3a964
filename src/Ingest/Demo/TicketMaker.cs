namespace Analytics.Ingest.Demo;

/// <summary>
/// Writes an account's service tickets. Every ticket opens inside the service window; its response,
/// on-site arrival and resolution are drawn as service time and laid onto the calendar, so a late
/// afternoon ticket is answered the next service day. Whether the SLA holds depends on the station,
/// the engineer, the station's load that month and whether the account is in a run of trouble.
/// </summary>
internal sealed class TicketMaker(DemoWorld world, AccountProfile account, Random random, CsvRows rows, Func<DateOnly, ServiceAgreement?> contractOn)
{
    private const double BaseBreachChance = 0.035;
    private const double TroubleBreachFactor = 7;

    private int _sequence;

    /// <summary>A fault reported by phone, fixed on the phone or by an engineer on site. True when an SLA was breached.</summary>
    public bool Incident(DateOnly from, DateOnly to, int month, double health, bool trouble)
    {
        if (Open(from, to) is not { } opened)
        {
            return false;
        }

        var (site, engineer, slowness) = Assign(month);
        var onsite = random.Chance(0.35);
        var priority = random.NextDouble() switch
        {
            var p when p < (onsite ? 0.35 : 0.15) => "high",
            var p when p < (onsite ? 0.85 : 0.65) => "medium",
            _ => "low",
        };
        var breachChance = Math.Min(0.85, BaseBreachChance * slowness * (trouble ? TroubleBreachFactor : 1));
        var responseMinutes = random.Chance(breachChance)
            ? 121 + random.Exponential(90)
            : Math.Clamp(random.LogNormal(18 * Math.Sqrt(slowness), 0.8), 1, 118);
        double? onsiteMinutes = null;
        if (onsite)
        {
            var arrival = random.Chance(breachChance)
                ? 242 + random.Exponential(150)
                : Math.Clamp(random.LogNormal(140 * Math.Pow(slowness, 0.3), 0.35), 30, 238);
            onsiteMinutes = Math.Max(arrival, responseMinutes + random.Between(20, 90));
        }

        var breached = responseMinutes > 120 || onsiteMinutes > 240;
        var firstResponse = After(opened, responseMinutes);
        var onsiteAt = onsiteMinutes is { } m ? After(opened, m) : null;
        var resolved = After(onsiteAt ?? firstResponse, onsite ? random.LogNormal(90, 0.7) : random.LogNormal(45, 0.9));
        var closed = After(resolved, random.LogNormal(60, 1.2));
        Write(onsite ? "onsite" : "phone", priority, random.Pick(account.Contacts), true,
            opened, firstResponse, onsiteAt, resolved, closed, Satisfaction(closed, health, breached, 0.65, 0), engineer, site);
        return breached;
    }

    /// <summary>The monthly scheduled maintenance visit (定期维护) the agreement owes. True when the visit was missed.</summary>
    public bool Maintenance(DateOnly from, DateOnly to, int month, double health, bool trouble)
    {
        var planned = new DateOnly(from.Year, from.Month, Math.Min(account.ScheduleDay, DateTime.DaysInMonth(from.Year, from.Month)));
        var day = world.Calendar.NextServiceDay(planned < from ? from : planned);
        if (day > to || contractOn(day) is null)
        {
            return false;
        }

        var (site, engineer, _) = Assign(month);
        var opened = day.ToDateTime(TimeOnly.MinValue) + ServiceCalendar.Opens + TimeSpan.FromMinutes(random.Next(0, 60));
        var missed = random.Chance(trouble ? 0.25 : 0.03 * world.Sites[account.CityIndex].MonthlyLoad[month]);
        if (missed)
        {
            // Nobody came: the ticket is closed at the end of the month without a visit.
            var monthEnd = new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month)).ToDateTime(TimeOnly.MinValue) + ServiceCalendar.Closes;
            Write("maintenance", "low", account.Contacts[0], true, opened, null, null, null, Cut(monthEnd), null, engineer, site);
            return true;
        }

        var onsiteAt = After(opened, random.Next(0, 40));
        var resolved = After(onsiteAt, random.LogNormal(100, 0.3));
        var closed = After(resolved, random.Next(5, 30));
        Write("maintenance", "low", account.Contacts[0], true, opened, null, onsiteAt, resolved, closed,
            Satisfaction(closed, health, false, 0.3, 0), engineer, site);
        return false;
    }

    /// <summary>A call to the complaint hotline (投诉热线).</summary>
    public void Complaint(DateOnly from, DateOnly to, int month, double health)
    {
        if (Open(from, to) is not { } opened)
        {
            return;
        }

        var (site, engineer, _) = Assign(month);
        var response = random.Chance(0.05) ? 121 + random.Exponential(60) : Math.Clamp(random.LogNormal(25, 0.7), 2, 118);
        var firstResponse = After(opened, response);
        var resolved = After(firstResponse, random.LogNormal(900, 0.6));
        var closed = After(resolved, random.LogNormal(240, 1.0));
        Write("complaint", "high", random.Pick(account.Contacts), true, opened, firstResponse, null, resolved, closed,
            Satisfaction(closed, health, response > 120, 0.7, 1.2), engineer, site);
    }

    /// <summary>A service request. Requests from someone other than a designated contact are not taken up.</summary>
    public void Request(DateOnly from, DateOnly to, int month, double health)
    {
        if (Open(from, to) is not { } opened)
        {
            return;
        }

        var (site, engineer, slowness) = Assign(month);
        var priority = random.Chance(0.3) ? "medium" : "low";
        if (random.Chance(0.12))
        {
            var closedUnanswered = After(opened, random.LogNormal(60, 0.8));
            Write("request", priority, ChineseNames.Person(random), false, opened, null, null, null, closedUnanswered, null, null, site);
            return;
        }

        var response = random.Chance(Math.Min(0.5, BaseBreachChance * slowness))
            ? 121 + random.Exponential(60)
            : Math.Clamp(random.LogNormal(30 * Math.Sqrt(slowness), 0.8), 1, 118);
        var firstResponse = After(opened, response);
        var resolved = After(firstResponse, random.LogNormal(240, 1.0));
        var closed = After(resolved, random.LogNormal(60, 1.2));
        Write("request", priority, random.Pick(account.Contacts), true, opened, firstResponse, null, resolved, closed,
            Satisfaction(closed, health, response > 120, 0.5, 0), engineer, site);
    }

    /// <summary>A moment inside the service window on a service day between the two days; null when there is none.</summary>
    private DateTime? Open(DateOnly from, DateOnly to)
    {
        var span = to.DayNumber - from.DayNumber + 1;
        for (var attempt = 0; attempt < 12 && span > 0; attempt++)
        {
            var day = from.AddDays(random.Next(span));
            if (world.Calendar.IsServiceDay(day))
            {
                var second = random.Next((int)ServiceCalendar.WindowLength.TotalSeconds);
                return day.ToDateTime(TimeOnly.MinValue) + ServiceCalendar.Opens + TimeSpan.FromSeconds(second);
            }
        }

        return null;
    }

    /// <summary>The station (home city, or a big account's branch) and engineer that take the ticket, and how slow they are this month.</summary>
    private (string Site, string Engineer, double Slowness) Assign(int month)
    {
        var siteIndex = account.BranchCityIndex >= 0 && random.Chance(0.3) ? account.BranchCityIndex : account.CityIndex;
        var site = world.Sites[siteIndex];
        var e = random.Next(site.Engineers.Length);
        return (site.Name, site.Engineers[e], site.Slowness * site.EngineerSlowness[e] * site.MonthlyLoad[month]);
    }

    /// <summary>Service time after a moment, to the second; null once it falls after the export was taken.</summary>
    private DateTime? After(DateTime? from, double serviceMinutes)
    {
        if (from is not { } t)
        {
            return null;
        }

        return Cut(world.Calendar.Add(t, TimeSpan.FromSeconds(Math.Round(serviceMinutes * 60))));
    }

    private DateTime? Cut(DateTime t) => t < world.Cutoff ? t : null;

    private int? Satisfaction(DateTime? closed, double health, bool breached, double answerRate, double penalty)
    {
        if (closed is null || !random.Chance(answerRate))
        {
            return null;
        }

        var score = 1.4 + (4 * health) - (breached ? 1.4 : 0) - penalty + random.Normal(0, 0.6);
        return Math.Clamp((int)Math.Round(score), 1, 5);
    }

    private void Write(string kind, string priority, string contact, bool designated,
        DateTime opened, DateTime? firstResponse, DateTime? onsite, DateTime? resolved, DateTime? closed, int? satisfaction, string? engineer, string site) =>
        rows.Text($"TK{account.Number:D7}-{++_sequence:D4}").Text(account.AccountId).Text(contractOn(DateOnly.FromDateTime(opened))?.Id).Text(kind).Text(priority)
            .Text(contact).Flag(designated).Stamp(opened).Stamp(firstResponse).Stamp(onsite).Stamp(resolved).Stamp(closed)
            .OptionalNumber(satisfaction).Text(engineer).Text(site).EndRow();
}
