using System.Data.Common;
using Analytics.ReportApi.Charts;
using Analytics.ReportApi.Dashboard;
using Analytics.Warehouse;
using Analytics.Warehouse.Reports;
using DuckDB.NET.Data;

namespace Analytics.ReportApi.Accounts;

/// <summary>Runs the account page's reports for one company, each through the caller's account predicate.</summary>
internal static class AccountQueries
{
    /// <summary>The master account of <paramref name="accountId"/> when the caller may see it; null: not there, or not theirs.</summary>
    public static string? Master(DuckDBConnection connection, string accountId, Func<string, string> accountFilter) =>
        ReportQueries.RunForAccount(connection, "account_master", accountId, accountFilter, r => r.Get<string>("master_account_id")).SingleOrDefault();

    public static AccountModel Load(DuckDBConnection connection, string master, Func<string, string> accountFilter)
    {
        List<T> Run<T>(string report, Func<DbDataReader, T> map) => ReportQueries.RunForAccount(connection, report, master, accountFilter, map);
        var profile = Run("account_profile", r => new AccountIdentity(
            r.Get<string>("account_id"), r.Get<string>("name"), r.GetOrNull<string>("english_name"), r.GetOrNull<string>("tax_id"),
            r.GetOrNull<string>("industry"), r.GetOrNull<string>("region"), r.GetOrNull<string>("city"), r.GetOrNull<string>("owner"),
            r.Get<DateOnly?>("created_on"), r.Get<bool?>("contact_consent"), r.GetOrNull<string>("duplicates"), r.GetOrNull<string>("tier"),
            r.Get<long?>("level"), r.GetOrNull<string>("lifecycle_stage"), r.GetOrNull<string>("rfm_segment"), r.Get<DateOnly?>("churned_on"),
            r.Get<DateOnly>("as_of"))).Single();
        var standing = Run("account_standing_history", r => new StandingMonth(
            Reader.Date(r, "month"), Reader.Text(r, "tier"), Reader.Long(r, "level"), Reader.Text(r, "lifecycle_stage"), Reader.Decimal(r, "value")));
        var months = Run("account_months", r => new AccountMonth(
            Reader.Date(r, "month"), Reader.Decimal(r, "revenue"), Reader.Long(r, "orders"), Reader.NullableDecimal(r, "margin")));
        var orders = Run("account_orders", r => new AccountOrder(
            Reader.Text(r, "order_id"), Reader.Text(r, "account_id"), Reader.Date(r, "order_date"), Reader.Text(r, "channel"),
            Reader.Text(r, "contract_id"), Reader.Decimal(r, "net_amount"), r.Get<DateOnly?>("due_date"), r.Get<DateOnly?>("paid_date"),
            Reader.Text(r, "payment_status")));
        var service = Run("account_service", r => new AccountService(
            Reader.Long(r, "tickets"), Reader.Long(r, "sla_breaches"), Reader.Long(r, "complaints"), Reader.Long(r, "open_complaints"),
            Reader.NullableDecimal(r, "satisfaction"), Reader.Long(r, "visits_owed"), Reader.Long(r, "visits_done"))).Single();
        var contracts = Run("account_contracts", r => new AccountContract(
            Reader.Text(r, "contract_id"), Reader.Date(r, "start_date"), r.Get<DateOnly?>("end_date"), r.Get<bool?>("auto_renew") ?? false,
            Reader.NullableDecimal(r, "annual_fee"), Reader.NullableDecimal(r, "margin_cap_pct"), Reader.Text(r, "status"),
            Reader.Long(r, "renewals"), r.Get<DateOnly?>("cancel_by"), Reader.Text(r, "next_event"), r.Get<DateOnly?>("next_event_on"),
            Reader.Long(r, "orders_above_cap"), Reader.Decimal(r, "amount_owed")));
        var payments = Run("account_payments", r => new AccountPaymentSummary(
            Reader.Long(r, "invoices"), Reader.Long(r, "late_invoices"), Reader.Long(r, "overdue_invoices"), Reader.Decimal(r, "overdue_amount"),
            Reader.Decimal(r, "open_amount"), Reader.Decimal(r, "late_fees"), r.Get<bool>("is_late_payer"))).Single();
        var scores = Run("account_scores", r => new AccountScore(
            Reader.Text(r, "pass"), Reader.Long(r, "score_run_id"), Reader.Date(r, "as_of"), r.Get<double?>("churn_probability"),
            r.GetOrNull<string>("churn_risk_band"), DashboardQueries.Reasons(r.GetOrNull<string>("churn_reasons")),
            Reader.NullableDecimal(r, "predicted_value"), Reader.NullableDecimal(r, "clv"),
            Reader.NullableDecimal(r, "clv_low"), Reader.NullableDecimal(r, "clv_high"), r.Get<double?>("p_alive"),
            r.Get<double?>("non_renewal_probability")));
        var campaigns = Run("account_campaigns", r => new AccountCampaign(
            Reader.Long(r, "campaign_id"), Reader.Text(r, "name"), Reader.Date(r, "frozen_on"), r.Get<bool>("is_control")));
        var actions = Run("account_actions", r => new AccountAction(
            Reader.Text(r, "action"), Reader.Long(r, "rank"), Reader.Text(r, "feature"), r.Get<double>("current_value"),
            r.Get<double>("healthy_value"), r.Get<double>("churn_probability"), r.Get<double>("probability_after"), r.Get<DateOnly?>("due_by")));
        var group = Run("account_group", r => new GroupMate(
            Reader.Text(r, "account_id"), Reader.Text(r, "name"), Reader.Text(r, "group_id"), Reader.Text(r, "group_name"), Reader.Long(r, "depth"),
            Reader.Text(r, "region"), Reader.Text(r, "tier"), Reader.Decimal(r, "revenue_12m"), Reader.Text(r, "relation")));
        return new AccountModel(profile, standing, months, orders, service, contracts, payments, scores, campaigns, actions) { Group = group };
    }
}
