namespace Analytics.ReportApi.Charts;

/// <summary>One chart: its URL name (/charts/NAME.png) and how its data is built from its report query.</summary>
internal interface IChart
{
    string Name { get; }

    ChartData Build(ChartContext context);
}
