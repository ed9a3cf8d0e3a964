using Analytics.Warehouse;

namespace Analytics.ReportApi.Charts;

/// <summary>Companies per lifecycle stage (客户关系生命周期) at as_of, stacked by 80/20 tier; a tier's bar links to the dashboard filtered to it.</summary>
internal sealed class LifecycleChart : IChart
{
    private static readonly IReadOnlyList<string> Stages = DeclaredValues.LifecycleStages;

    public string Name => "lifecycle";

    public ChartData Build(ChartContext context)
    {
        var rows = context.Query("lifecycle_stages", r => (
            Stage: Reader.Text(r, "lifecycle_stage"),
            Tier: Reader.Text(r, "tier"),
            Accounts: Reader.Long(r, "accounts")));
        var stages = Stages.Where(s => rows.Any(x => x.Stage == s)).ToList();
        var series = ChartRequest.Tiers
            .Where(tier => rows.Any(x => x.Tier == tier))
            .Select(tier => new ChartSeries(
                Texts.GroupValue(context.Language, "tier", tier),
                rows.Where(x => x.Tier == tier).Select(x => new ChartPoint(stages.IndexOf(x.Stage), x.Accounts, Link: context.DashboardLink(tier: tier))).ToList()))
            .ToList();
        return new ChartData(Name, ChartKind.StackedBars, context.T("lifecycle.title"), context.T("lifecycle.x"), context.T("lifecycle.y"), series)
        {
            Categories = stages.Select(s => Texts.GroupValue(context.Language, "lifecycle_stage", s)).ToList(),
            EmptyMessage = rows.Count == 0 ? context.T("no_data") : null,
        };
    }
}
