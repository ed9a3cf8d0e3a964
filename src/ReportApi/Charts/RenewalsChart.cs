using Analytics.Warehouse;

namespace Analytics.ReportApi.Charts;

/// <summary>
/// Contracts whose next event falls within 30, 60 or 90 days, stacked by event: an auto-renewal or an end. A bar links
/// to its contracts in the ContractStatus set (the dashboard's table lists only those to act on before their cancel-by
/// day), narrowed by the chart's tier and region through each contract's account.
/// </summary>
internal sealed class RenewalsChart : IChart
{
    private static readonly int[] Buckets = [30, 60, 90];
    private static readonly IReadOnlyList<string> Events = DeclaredValues.ContractEvents;

    public string Name => "renewals";

    public ChartData Build(ChartContext context)
    {
        var rows = context.Query("renewals_due", r => (
            Days: (int)Reader.Long(r, "due_within_days"),
            Event: Reader.Text(r, "next_event"),
            Contracts: Reader.Long(r, "contracts")));
        var series = Events
            .Select(e => new ChartSeries(
                context.T("renewals." + e),
                rows.Where(x => x.Event == e).Select(x => new ChartPoint(Array.IndexOf(Buckets, x.Days), x.Contracts, Link: ChartContext.ODataLink("ContractStatus",
                    [$"DueWithinDays eq {x.Days}", $"NextEvent eq {ChartContext.ODataText(e)}", .. context.FilterConditions("Account/Tier", "Account/Region")]))).ToList()))
            .ToList();
        return new ChartData(Name, ChartKind.StackedBars, context.T("renewals.title"), context.T("renewals.x"), context.T("renewals.y"), series)
        {
            Categories = Buckets.Select(d => context.F("renewals.bucket", d)).ToList(),
            EmptyMessage = rows.Count == 0 ? context.T("no_data") : null,
        };
    }
}
