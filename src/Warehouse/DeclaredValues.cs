using System.Globalization;
using Analytics.Warehouse.Marts;

namespace Analytics.Warehouse;

/// <summary>
/// The fixed sets of values C# names too (to validate a rule or a query, to order a chart, to label a value), read
/// from the "-- accepted:" line of the mart that computes them: a new stage or status is added in that SQL and
/// nowhere else. The order is the header's, which is the order people see.
/// </summary>
public static class DeclaredValues
{
    private static readonly IReadOnlyList<SqlModel> Marts = MartBuilder.Models();

    /// <summary>80/20 tiers (二八法则), A the largest accounts.</summary>
    public static IReadOnlyList<string> Tiers { get; } = Of("account_segment_history", "tier");

    /// <summary>Five-level grades (客户五级分类), 1 highest.</summary>
    public static IReadOnlyList<int> Levels { get; } =
        [.. Of("account_segment_history", "level").Select(l => int.Parse(l, NumberStyles.None, CultureInfo.InvariantCulture))];

    /// <summary>Lifecycle stages (客户关系生命周期), in the order a relationship lives them, churned last.</summary>
    public static IReadOnlyList<string> LifecycleStages { get; } = Of("account_months", "lifecycle_stage");

    /// <summary>Where a contract stands on the as-of day (marts.contract_status).</summary>
    public static IReadOnlyList<string> ContractStatuses { get; } = Of("contract_status", "status");

    /// <summary>A contract's next event: an automatic renewal or its end.</summary>
    public static IReadOnlyList<string> ContractEvents { get; } = Of("contract_status", "next_event");

    private static IReadOnlyList<string> Of(string mart, string column) =>
        Marts.Single(m => m.Name == mart).Header.AcceptedIn(column)
        ?? throw new InvalidOperationException($"marts.{mart} declares no accepted values for {column}.");
}
