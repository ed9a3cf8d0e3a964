using Analytics.ReportApi.Access;
using Analytics.Tests.Support;

namespace Analytics.Tests.Charts;

/// <summary>
/// Three accounts small enough to add up by hand: 华东's A1 buys 100.00 + 50.50, 华北's A2 buys 30.00, 华南's A3 buys
/// nothing. A1 brings 150.50 / 180.50 = 83.4% (tier A: nothing before it), A2 is B (83.4% before it, below 95%), A3 C.
/// </summary>
public sealed class SmallBook : IAsyncLifetime, IDisposable
{
    public TestWarehouse Warehouse { get; } = new();

    public AnalyticsFactory Service { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Warehouse.LoadText("accounts.csv", """
            account_id,name,tax_id,industry,region,city,owner,created_on
            A1,上海甲方有限公司,91310000AAAAAAAA1,制造,华东,上海,王,2024-01-01
            A2,北京乙方有限公司,91110000BBBBBBBB2,零售,华北,北京,李,2024-01-01
            A3,广州丙方有限公司,91440000CCCCCCCC3,金融,华南,广州,张,2024-01-01
            """);
        Warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date
            O1,A1,2025-03-05,phone,,100.00,,,
            O2,A1,2025-03-20,phone,,50.50,,,
            O3,A2,2025-03-10,form,,30.00,,,
            """);
        Warehouse.RefreshMarts();
        Service = new AnalyticsFactory(Warehouse.Database);
        Service.StartServer();
        return Task.CompletedTask;
    }

    /// <summary>A client of a manager limited to <paramref name="regions"/> (comma-separated), or of the admin: the whole warehouse.</summary>
    public HttpClient Client(string? regions = null) =>
        Service.Client(regions is null ? Service.Key(Roles.Admin) : Service.Key(Roles.Manager, regions.Split(',')));

    public async Task DisposeAsync() => await Service.DisposeAsync();

    public void Dispose() => Warehouse.Dispose();
}
