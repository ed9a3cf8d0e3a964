using Analytics.Models.Churn;
using Analytics.ReportApi.Charts;
using Analytics.Warehouse.Reports;
using DuckDB.NET.Data;

namespace Analytics.ReportApi.Dashboard;

/// <summary>Runs the page's tile and table reports for one selection through the caller's account predicate.</summary>
internal static class DashboardQueries
{
    private const int ReasonsShown = 3;

    public static DashboardModel Load(DuckDBConnection connection, ReportFilter filter, Func<string, string> accountFilter, DataState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var tiles = ReportQueries.Run(connection, "kpi_tiles", filter, accountFilter, r => new KpiTiles(
            Reader.Date(r, "as_of"),
            Reader.Decimal(r, "revenue"),
            Reader.NullableDecimal(r, "key_account_share"),
            r["key_accounts_at_risk"] is DBNull ? null : Reader.Long(r, "key_accounts_at_risk"),
            Reader.NullableDecimal(r, "breach_rate"),
            Reader.Long(r, "renewals_90_days"))).Single();
        var top = ReportQueries.Run(connection, "top_accounts", filter, accountFilter, r => new TopAccount(
            Reader.Text(r, "master_account_id"), Reader.Text(r, "name"), Reader.Text(r, "tier"), Reader.Text(r, "region"),
            Reader.Decimal(r, "revenue"), Reader.Decimal(r, "share")));
        var atRisk = state.HasScores
            ? ReportQueries.Run(connection, "at_risk_accounts", filter, accountFilter, r => new AtRiskAccount(
                Reader.Text(r, "master_account_id"), Reader.Text(r, "name"), Reader.Text(r, "region"),
                Reader.Decimal(r, "churn_probability"), Reader.Text(r, "churn_risk_band"), Reader.Decimal(r, "value"),
                Reasons(r["churn_reasons"] as string)))
            : [];
        var contracts = ReportQueries.Run(connection, "contracts_to_act", filter, accountFilter, r => new ContractToAct(
            Reader.Text(r, "contract_id"), Reader.Text(r, "master_account_id"), Reader.Text(r, "name"), Reader.Text(r, "tier"), Reader.Text(r, "status"),
            Reader.Date(r, "cancel_by"), Reader.Long(r, "days_to_cancel_by"),
            r["next_event_on"] is DBNull ? null : Reader.Date(r, "next_event_on"), Reader.NullableDecimal(r, "annual_fee")));
        var alerts = ReportQueries.Run(connection, "model_alerts", filter, accountFilter, r => new ModelAlert(
            Reader.Long(r, "score_run_id"), Reader.Text(r, "kind"), Reader.Text(r, "subject"),
            (double)Reader.Decimal(r, "value"), (double)Reader.Decimal(r, "threshold")));
        var churnCost = state.HasScores
            ? ReportQueries.Run(connection, "churn_cost", filter, accountFilter, r => new ChurnCostRow(
                Reader.Text(r, "tier"), Reader.Text(r, "region"), Reader.Long(r, "companies"), Reader.Long(r, "high_risk_companies"),
                Reader.Long(r, "critical_accounts"), Reader.Decimal(r, "predicted_value"), Reader.Decimal(r, "churn_cost"),
                Reader.Decimal(r, "critical_churn_cost")))
            : [];
        return new DashboardModel(tiles, top, atRisk, contracts, state.HasScores)
        {
            Alerts = alerts,
            ChurnCost = churnCost,
            TopGroups = GroupsPanel.Load(connection, filter, accountFilter),
        };
    }

    /// <summary>Why the account is at risk: the first few reasons that raise it (<see cref="ChurnReason.WhyAtRisk"/>), each in both languages.</summary>
    internal static IReadOnlyList<ReasonText> Reasons(string? json) =>
        [.. ChurnReason.WhyAtRisk(json, ReasonsShown).Select(r => new ReasonText(r.Zh, r.En))];
}
