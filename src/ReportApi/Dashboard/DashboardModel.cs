namespace Analytics.ReportApi.Dashboard;

/// <summary>The numbers of the dashboard page for one selection, as the report queries give them.</summary>
internal sealed record DashboardModel(
    KpiTiles Tiles,
    IReadOnlyList<TopAccount> TopAccounts,
    IReadOnlyList<AtRiskAccount> AtRiskAccounts,
    IReadOnlyList<ContractToAct> ContractsToAct,
    bool HasScores)
{
    /// <summary>The alerts the latest scoring pass raised; empty for a caller who does not see every company.</summary>
    public IReadOnlyList<ModelAlert> Alerts { get; init; } = [];

    /// <summary>The cost of churn by tier and region (empty before any scoring pass).</summary>
    public IReadOnlyList<ChurnCostRow> ChurnCost { get; init; } = [];

    /// <summary>The groups panel's rows (<see cref="GroupsPanel"/>).</summary>
    public IReadOnlyList<TopGroup> TopGroups { get; init; } = [];
}

/// <summary>
/// What keeping one tier's companies of one region would be worth: the sum of their churn_cost (churn probability x
/// predicted value, models.current_scores), with how many are at high risk and how many are critical accounts (关键客户).
/// </summary>
internal sealed record ChurnCostRow(
    string Tier, string Region, long Companies, long HighRiskCompanies, long CriticalAccounts,
    decimal PredictedValue, decimal ChurnCost, decimal CriticalChurnCost);

/// <summary>One model monitoring alert as the page shows it (models.monitoring_alerts).</summary>
internal sealed record ModelAlert(long ScoreRunId, string Kind, string Subject, double Value, double Threshold);

/// <summary>Revenue in the window; the key accounts' share of it; key accounts at high risk (null: no scores yet); SLA breach rate; contracts due within 90 days.</summary>
internal sealed record KpiTiles(DateOnly AsOf, decimal Revenue, decimal? KeyAccountShare, long? KeyAccountsAtRisk, decimal? BreachRate, long Renewals90Days);

internal sealed record TopAccount(string AccountId, string Name, string Tier, string Region, decimal Revenue, decimal Share);

/// <summary>A key account at risk; Reasons are the model's strongest first, in both languages.</summary>
internal sealed record AtRiskAccount(string AccountId, string Name, string Region, decimal ChurnProbability, string RiskBand, decimal Value, IReadOnlyList<ReasonText> Reasons);

/// <summary>One of the churn model's reasons as the page shows it, in both languages.</summary>
internal sealed record ReasonText(string Zh, string En);

/// <summary>A contract to act on; AccountId is its company's master account (the page the name links to).</summary>
internal sealed record ContractToAct(string ContractId, string AccountId, string Name, string Tier, string Status, DateOnly CancelBy, long DaysToCancelBy, DateOnly? NextEventOn, decimal? AnnualFee);
