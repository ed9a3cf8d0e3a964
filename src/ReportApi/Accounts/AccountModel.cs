using Analytics.ReportApi.Dashboard;

namespace Analytics.ReportApi.Accounts;

/// <summary>Everything the account page shows of one company, as the account reports (Warehouse/Reports/account_*.sql) give it.</summary>
internal sealed record AccountModel(
    AccountIdentity Profile,
    IReadOnlyList<StandingMonth> Standing,
    IReadOnlyList<AccountMonth> Months,
    IReadOnlyList<AccountOrder> Orders,
    AccountService Service,
    IReadOnlyList<AccountContract> Contracts,
    AccountPaymentSummary Payments,
    IReadOnlyList<AccountScore> Scores,
    IReadOnlyList<AccountCampaign> Campaigns,
    IReadOnlyList<AccountAction> Actions)
{
    /// <summary>The company's group of companies as the caller may see it (<see cref="AccountGroup"/>); empty: in no group.</summary>
    public IReadOnlyList<GroupMate> Group { get; init; } = [];
}

/// <summary>Who the company is and where it stands today; Duplicates lists the accounts merged into it ("id name; ...").</summary>
internal sealed record AccountIdentity(
    string AccountId, string Name, string? EnglishName, string? TaxId, string? Industry, string? Region, string? City, string? Owner,
    DateOnly? CreatedOn, bool? ContactConsent, string? Duplicates, string? Tier, long? Level, string? LifecycleStage, string? RfmSegment,
    DateOnly? ChurnedOn, DateOnly AsOf);

internal sealed record StandingMonth(DateOnly Month, string Tier, long Level, string LifecycleStage, decimal Value);

/// <summary>Net sales, orders and gross margin (null: no costed order) of one calendar month.</summary>
internal sealed record AccountMonth(DateOnly Month, decimal Revenue, long Orders, decimal? Margin);

internal sealed record AccountOrder(string OrderId, string AccountId, DateOnly OrderDate, string Channel, string ContractId, decimal NetAmount, DateOnly? DueDate, DateOnly? PaidDate, string PaymentStatus);

internal sealed record AccountService(long Tickets, long SlaBreaches, long Complaints, long OpenComplaints, decimal? Satisfaction, long VisitsOwed, long VisitsDone);

internal sealed record AccountContract(
    string ContractId, DateOnly StartDate, DateOnly? EndDate, bool AutoRenew, decimal? AnnualFee, decimal? MarginCapPct, string Status,
    long Renewals, DateOnly? CancelBy, string NextEvent, DateOnly? NextEventOn, long OrdersAboveCap, decimal AmountOwed);

internal sealed record AccountPaymentSummary(long Invoices, long LateInvoices, long OverdueInvoices, decimal OverdueAmount, decimal OpenAmount, decimal LateFees, bool IsLatePayer);

/// <summary>The company's scores in one pass ('latest' or 'previous').</summary>
internal sealed record AccountScore(
    string Pass, long ScoreRunId, DateOnly AsOf, double? ChurnProbability, string? RiskBand, IReadOnlyList<ReasonText> Reasons,
    decimal? PredictedValue, decimal? Clv, decimal? ClvLow, decimal? ClvHigh, double? PAlive, double? NonRenewalProbability);

internal sealed record AccountCampaign(long CampaignId, string Name, DateOnly FrozenOn, bool IsControl);

/// <summary>One next best action (models.next_actions) of the latest pass.</summary>
internal sealed record AccountAction(string Action, long Rank, string Feature, double CurrentValue, double HealthyValue, double ChurnProbability, double ProbabilityAfter, DateOnly? DueBy);
