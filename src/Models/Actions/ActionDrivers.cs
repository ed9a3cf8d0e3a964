namespace Analytics.Models.Actions;

/// <summary>
/// The actions the desk recommends and the driver each one changes (issue 18). Only drivers the account itself can
/// change are here: recency, tenure or revenue already earned are facts, not levers. The same list bounds what a
/// what-if may change (<see cref="WhatIf"/>).
/// </summary>
public static class ActionDrivers
{
    /// <summary>How far ahead a cancel-by day makes the renewal call due (the dashboard's renewal pipeline).</summary>
    public const int RenewalWindowDays = 90;

    /// <summary>Orders this much below their earlier pace count as falling (order_trend is a symmetric change in -1..1).</summary>
    public const double FallingOrders = -0.2;

    public static IReadOnlyList<ActionDriver> All { get; } =
    [
        // Renewed: the term in force runs one more year.
        new("renewal_call", "contract_days_to_end",
            (_, c) => c.CancelBy is not null && c.DaysToCancelBy is >= 0 and <= RenewalWindowDays,
            (v, _) => v + 365),
        new("service_review", "sla_breaches_90d", (v, _) => v > 0, (_, _) => 0),
        new("finance_follow_up", "overdue_amount", (v, _) => v > 0, (_, _) => 0),
        // Back to its earlier pace: a flat trend.
        new("visit", "order_trend", (v, _) => v <= FallingOrders, (_, _) => 0),
        new("complaint_follow_up", "complaints_90d", (v, c) => v > 0 && c.OpenComplaints > 0, (_, _) => 0),
        // Priced back to the contract's cap (margin_365d is a fraction, the cap a percentage).
        new("price_review", "margin_365d", (v, c) => c.MarginCapPct is { } cap && v > cap / 100, (_, c) => c.MarginCapPct!.Value / 100),
    ];

    /// <summary>The features a what-if may change.</summary>
    public static IReadOnlyList<string> Features { get; } = [.. All.Select(d => d.Feature)];

    public static ActionDriver? Find(string action) => All.FirstOrDefault(d => d.Action == action);
}
