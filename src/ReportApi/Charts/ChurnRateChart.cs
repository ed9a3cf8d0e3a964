using System.Globalization;

namespace Analytics.ReportApi.Charts;

/// <summary>
/// The churn-rate distribution (流失率分布图): one bar per group of the chosen grouping (query parameter group:
/// tier by default, or level, lifecycle_stage, region, industry), over the window, with the overall rate as a line.
/// A tier's or a region's bar links to the dashboard filtered to it (the dashboard filters by nothing else); a
/// level's, a lifecycle stage's or an industry's bar to the companies in that group now, as OData rows with the
/// chart's own tier and region filters (the dashboard has no such filter).
/// </summary>
internal sealed class ChurnRateChart : IChart
{
    public string Name => "churn-rates";

    public ChartData Build(ChartContext context)
    {
        var rows = context.Query("churn_rates", r => (
            Dimension: Reader.Text(r, "dimension"),
            Group: Reader.Text(r, "group_value"),
            AtRisk: Reader.Long(r, "accounts_at_risk"),
            Churned: Reader.Long(r, "churned"),
            Rate: Reader.Decimal(r, "churn_rate"),
            Start: Reader.Date(r, "period_start"),
            End: Reader.Date(r, "period_end")));
        var group = context.Request.Group;
        var groups = rows.Where(x => x.Dimension == group).ToList();
        var overall = rows.FirstOrDefault(x => x.Dimension == "all");
        var title = context.F("churn.title", context.T("group." + group));
        var points = groups.Select((x, i) => new ChartPoint(i, x.Rate * 100, Link: group switch
        {
            "tier" => context.DashboardLink(tier: x.Group),
            "region" => context.DashboardLink(region: x.Group),
            _ => GroupLink(context, group, x.Group),
        })).ToList();
        var data = new ChartData(Name, ChartKind.Bars, title, context.T("group." + group), context.T("churn.y"),
            [new ChartSeries(context.T("churn.series"), points)])
        {
            Categories = groups.Select(x => Texts.GroupValue(context.Language, group, x.Group)).ToList(),
        };
        if (overall.AtRisk == 0)
        {
            return data with { EmptyMessage = context.T("no_data") };
        }

        return data with
        {
            Lines = [new ReferenceLine(true, (double)overall.Rate * 100, $"{context.T("group.all")} {overall.Rate * 100:0.0}%")],
            Notes = [context.F("churn.note", ChartContext.ODataDate(overall.Start), ChartContext.ODataDate(overall.End), overall.AtRisk, overall.Churned)],
        };
    }

    /// <summary>The master companies in a level, lifecycle stage or industry ('(none)': none known), in the chart's scope.</summary>
    private static string? GroupLink(ChartContext context, string group, string value)
    {
        var condition = group switch
        {
            "level" => int.TryParse(value, CultureInfo.InvariantCulture, out var level) ? $"Level eq {level}" : "Level eq null",
            "lifecycle_stage" => $"LifecycleStage eq {ChartContext.ODataText(value)}",
            "industry" => value == "(none)" ? "Industry eq null" : $"Industry eq {ChartContext.ODataText(value)}",
            _ => null,
        };
        return condition is null ? null : ChartContext.ODataLink("Accounts",
            [condition, "MasterAccountId eq AccountId", .. context.FilterConditions("Tier", "Region")]);
    }
}
