using Analytics.Warehouse;
namespace Analytics.ReportApi.Access;

/// <summary>
/// The documented keys of the demo company, stored when the service loads the demo into an empty warehouse.
/// They are public (the README lists them): for trying the demo only, never on a warehouse with real data.
/// </summary>
public static class DemoKeys
{
    public const string Admin = "demo-admin-key";
    public const string Manager = "demo-manager-key";
    public const string ManagerEast = "demo-manager-east-key";
    public const string Analyst = "demo-analyst-key";
    public const string Marketing = "demo-marketing-key";

    /// <summary>The demo's "East" (华东), the region with the most accounts.</summary>
    public const string EastRegion = "华东";

    public static IReadOnlyList<(string Secret, string Role, IReadOnlyList<string>? Regions, string Name)> All { get; } =
    [
        (Admin, Roles.Admin, null, "demo admin"),
        (Manager, Roles.Manager, null, "demo manager"),
        (ManagerEast, Roles.Manager, [EastRegion], "demo manager, East only"),
        (Analyst, Roles.Analyst, null, "demo analyst"),
        (Marketing, Roles.Marketing, null, "demo marketing"),
    ];

    public static void Store(DuckDB.NET.Data.DuckDBConnection connection)
    {
        foreach (var (secret, role, regions, name) in All)
        {
            ApiKeyStore.Store(connection, role, regions, name, secret);
        }
    }
}
