namespace Analytics.Tests.Demo;

/// <summary>A ticket as the demo wrote it, times in Asia/Shanghai wall-clock time.</summary>
public sealed record DemoTicket(
    string TicketId, string AccountId, string Kind, DateTime Opened, DateTime? FirstResponse, DateTime? Onsite,
    DateTime? Resolved, DateTime? Closed, int? Satisfaction, bool Designated)
{
    /// <summary>Response beyond 2 service hours or on-site arrival beyond 4, by the agreement's service calendar.</summary>
    public bool Breached(Analytics.Ingest.Demo.ServiceCalendar calendar) =>
        (FirstResponse is { } r && calendar.Between(Opened, r) > TimeSpan.FromHours(2))
        || (Onsite is { } o && Kind != "maintenance" && calendar.Between(Opened, o) > TimeSpan.FromHours(4));

    public bool HasSla => Kind is "phone" or "onsite" or "complaint" or "request" && FirstResponse is not null;
}
