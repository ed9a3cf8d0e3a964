using Analytics.Warehouse;
namespace Analytics.ReportApi.Access;

/// <summary>The roles a key can carry; the same words as access.api_keys.role's check.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Analyst = "analyst";
    public const string Marketing = "marketing";

    public static IReadOnlyList<string> All { get; } = [Admin, Manager, Analyst, Marketing];
}
