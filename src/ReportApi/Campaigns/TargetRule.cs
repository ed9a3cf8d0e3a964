using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Warehouse;

namespace Analytics.ReportApi.Campaigns;

/// <summary>
/// Which key accounts a campaign targets: every condition given must hold, a list means "one of". Saved as JSON
/// (camelCase, e.g. <c>{"tiers":["A"],"churnRiskRising":true,"cancelByWithinDays":90,"regions":["华东"]}</c>)
/// and compiled by <see cref="TargetQuery"/> into parameterised SQL; an empty rule is every company.
/// </summary>
public sealed record TargetRule
{
    public static IReadOnlyList<string> KnownTiers { get; } = DeclaredValues.Tiers;

    public static IReadOnlyList<string> KnownLifecycleStages { get; } = DeclaredValues.LifecycleStages;

    /// <summary>
    /// The most values one list of a rule takes: each is a bound parameter, and a list of tens of thousands made
    /// one preview plan for many seconds. A real target names a few regions or industries, not a book of them.
    /// </summary>
    public const int MaxListValues = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>80/20 tiers (A, B, C) now.</summary>
    public IReadOnlyList<string>? Tiers { get; init; }

    /// <summary>Five-level grades (1 highest).</summary>
    public IReadOnlyList<int>? Levels { get; init; }

    public IReadOnlyList<string>? Regions { get; init; }

    public IReadOnlyList<string>? Industries { get; init; }

    /// <summary>exploration, formation, stability, decline or churned.</summary>
    public IReadOnlyList<string>? LifecycleStages { get; init; }

    /// <summary>At least this churn probability in the latest scoring pass (0..1).</summary>
    public double? MinChurnProbability { get; init; }

    /// <summary>true: churn probability higher than in the scoring pass before; false: not higher.</summary>
    public bool? ChurnRiskRising { get; init; }

    /// <summary>A contract whose cancel-by day (last day a notice stops its renewal) is within this many days.</summary>
    public int? CancelByWithinDays { get; init; }

    /// <summary>At least this predicted next-period value (models.current_scores.predicted_value).</summary>
    public decimal? MinPredictedValue { get; init; }

    /// <summary>At least this revenue over the last 12 months (the as_of month and the 11 before it).</summary>
    public decimal? MinRevenue12m { get; init; }

    /// <summary>
    /// These companies only: a list kept elsewhere (a trade-fair list, a campaign run in another tool). An id of a
    /// duplicate record stands for its company.
    /// </summary>
    public IReadOnlyList<string>? AccountIds { get; init; }

    /// <summary>
    /// Every company of these groups of companies (集团客户, marts.group_members) that the reader may see. A group's id is
    /// its top company's account id; a duplicate record's id stands for its company. An id that heads no group the reader may see
    /// (unknown, a member that heads none, or a group wholly in other regions) is a 400 naming it, the same for all three.
    /// </summary>
    public IReadOnlyList<string>? GroupIds { get; init; }

    /// <summary>The rule in a JSON text; a sentence saying what is wrong when it is not a valid rule.</summary>
    public static TargetRule Parse(string json)
    {
        TargetRule? rule;
        try
        {
            rule = JsonSerializer.Deserialize<TargetRule>(json, Json);
        }
        catch (JsonException e)
        {
            throw new WarehouseException($"The rule is not valid JSON for a target: {e.Message}");
        }

        rule ??= new TargetRule();
        rule.Validate();
        return rule;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static JsonSerializerOptions JsonOptions => Json;

    /// <summary>Throws a <see cref="WarehouseException"/> naming the first thing wrong.</summary>
    public void Validate()
    {
        if (Problem() is { } problem)
        {
            throw new WarehouseException(problem);
        }
    }

    private string? Problem() =>
        Tiers?.FirstOrDefault(t => !KnownTiers.Contains(t)) is { } tier ? $"There is no tier '{tier}'; tiers are A, B and C."
        : Levels?.Where(l => l is < 1 or > 5).Select(l => (int?)l).FirstOrDefault() is { } level ? $"There is no level {level}; levels are 1 to 5."
        : LifecycleStages?.FirstOrDefault(s => !KnownLifecycleStages.Contains(s)) is { } stage
            ? $"There is no lifecycle stage '{stage}'; stages are {string.Join(", ", KnownLifecycleStages)}."
        : Empty(Tiers) || Empty(Levels) || Empty(Regions) || Empty(Industries) || Empty(LifecycleStages) || Empty(AccountIds) || Empty(GroupIds)
            ? "A list in a rule needs at least one value (leave it out to mean any)."
        : new[] { Tiers?.Count, Levels?.Count, Regions?.Count, Industries?.Count, LifecycleStages?.Count, AccountIds?.Count, GroupIds?.Count }.Max() > MaxListValues
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A list in a rule takes at most {MaxListValues:N0} values.")
        : MinChurnProbability is < 0 or > 1 ? "minChurnProbability is a probability, between 0 and 1."
        : CancelByWithinDays is < 0 or > 3660 ? "cancelByWithinDays takes 0 to 3660 days."
        : MinPredictedValue < 0 || MinRevenue12m < 0 ? "Minimum values cannot be negative."
        : null;

    private static bool Empty<T>(IReadOnlyList<T>? list) => list is { Count: 0 };
}
