using Analytics.Tests.Support;

namespace Analytics.Tests.Groups;

/// <summary>
/// A book written by hand with one group of companies, loaded through the real loader, its marts built as of
/// 2025-06-30 (12-month windows, revenue basis, cuts 0.80 / 0.95) and served by the real app:
///   G1 华东集团 (top); G2 under G1; G3 (华北) under G2; G2D, a duplicate record of G2 (same tax id, created later);
///   G4 names G2D as its parent, so its parent is G2's company; S1 and S2 (华南) stand alone.
///   Orders: G1 100,000.10 (2025-01); G2 50,000.25 (2025-03); G2D 20,000.30 (2025-04, G2's company); G3 30,000.05
///   (2025-05) and 9,999.99 (2024-03, before the window); G4 12,345.67 (2025-06); S1 900,000.00; S2 1,000.00.
/// Members' 12-month revenue: G1 100,000.10, G2 70,000.55, G3 30,000.05, G4 12,345.67; the group's 212,346.37, of which
/// the East's members (G1, G2, G4) 182,346.32 and the North's (G3) 30,000.05.
/// The 80/20 rule over customers (the group once, S1, S2): S1 900,000.00 first (A); the group's share before it is
/// 900,000 / 1,113,346.37 = 0.808, at least 0.80 and below 0.95: B, rank 2; S2 C.
/// </summary>
public sealed class GroupBook : IAsyncLifetime
{
    public const string AsOf = "2025-06-30";

    public TestWarehouse Warehouse { get; } = new();

    public AnalyticsFactory Service { get; }

    public GroupBook()
    {
        Warehouse.LoadText("accounts.csv", """
            account_id,name,tax_id,region,city,created_on,parent_account_id
            G3,华东集团北京三厂,91110000GR0000003,华北,北京,2020-03-01,G2
            G4,华东集团杭州四厂,91330000GR0000004,华东,杭州,2020-04-01,G2D
            G2,华东集团上海公司,91310000GR0000002,华东,上海,2020-02-01,G1
            G2D,华东集团上海有限公司,91310000GR0000002,华东,上海,2021-01-01,G1
            G1,华东集团,91310000GR0000001,华东,上海,2020-01-01,
            S1,独立重工,91440000GR0000005,华南,广州,2019-01-01,
            S2,独立电子,91440000GR0000006,华南,深圳,2019-01-01,
            """);
        Warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,amount
            O1,G1,2025-01-15,100000.10
            O2,G2,2025-03-10,50000.25
            O3,G2D,2025-04-01,20000.30
            O4,G3,2025-05-20,30000.05
            O5,G3,2024-03-01,9999.99
            O6,G4,2025-06-30,12345.67
            O7,S1,2025-02-01,900000.00
            O8,S2,2025-02-01,1000.00
            """);
        Warehouse.RefreshMarts(("as_of_date", AsOf));
        Service = new AnalyticsFactory(Warehouse.Database);
    }

    /// <summary>A client with a real key of the role, limited to the regions (none: all).</summary>
    public HttpClient Client(string role, params string[] regions) =>
        Service.Client(Service.Key(role, regions.Length == 0 ? null : regions));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        Warehouse.Dispose();
    }
}
