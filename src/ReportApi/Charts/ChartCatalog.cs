namespace Analytics.ReportApi.Charts;

/// <summary>Every chart the service draws, by its URL name, in the order the dashboard shows them.</summary>
internal static class ChartCatalog
{
    public static IReadOnlyList<IChart> All { get; } =
    [
        new ParetoChart(),
        new RevenueByMonthChart(),
        new ChurnRateChart(),
        new ChurnRiskChart(),
        new SlaComplianceChart(),
        new RenewalsChart(),
        new ClvChart(),
        new LifecycleChart(),
        new ModelMonitoringChart(),
    ];

    public static IChart? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
