using Analytics.ReportApi.Access;
using Analytics.Warehouse;
using Analytics.Warehouse.Reports;

namespace Analytics.ReportApi.OData;

/// <summary>
/// The entity sets analysts query: the core facts with the marts' figures joined on (shared/CONTRACT.md fixes
/// their names), the scores, and the marts worth reading directly. Every set that holds accounts' rows says
/// how an access scope narrows it; only products and marts that hold no single account's rows are open to all.
/// A set of figures computed over the whole book (ranks, cumulative values and shares, the 80/20 headline, tier
/// migrations, churn rates) names the report that recomputes it over a region-limited scope's companies, so a
/// regional key sees its own Pareto curve, never the book's (docs/access-and-campaigns.md).
/// </summary>
internal static class EntitySetCatalog
{
    public static IReadOnlyList<EntitySetDefinition> Sets { get; } =
    [
        new("Accounts", "Account",
            """
            select a.account_id, a.name, a.tax_id, a.industry, a.region, a.city, a.owner, a.created_on, a.english_name,
                   a.contact_name, a.contact_phone, s.master_account_id, s.tier, s.level, s.lifecycle_stage, s.rfm_segment, s.churned_on, s.is_critical_account,
                   a.attributes::varchar as attributes
            from core.accounts a left join marts.account_segments s using (account_id)
            """,
            ["account_id"], EntitySetDefinition.ByAccount("account_id"), ["contact_name", "contact_phone"]),
        new("Products", "Product",
            "select product_id, name, category, list_price, unit_cost from core.products",
            ["product_id"], EntitySetDefinition.Unrestricted, []),
        new("Orders", "Order",
            """
            select order_id, account_id, order_date, channel, contract_id, net_amount, cost_amount, line_count,
                   invoice_date, due_date, paid_date
            from marts.orders
            """,
            ["order_id"], EntitySetDefinition.ByAccount("account_id"), []),
        // Lines carry no account: they are narrowed through their order's, and only when the scope narrows at all,
        // so an unrestricted read of ten million lines does not pay for a join it does not need.
        new("OrderLines", "OrderLine",
            "select order_id, line_no, product_id, quantity, unit_price, unit_cost, discount, net_amount, cost_amount from marts.order_lines",
            ["order_id", "line_no"], ThroughOrder, []),
        new("Tickets", "Ticket",
            """
            select t.ticket_id, t.account_id, t.contract_id, t.kind, t.priority, t.contact, t.is_designated_contact,
                   t.opened_at, t.first_response_at, t.onsite_at, t.resolved_at, t.closed_at, t.satisfaction, t.engineer, t.site,
                   s.response_minutes::bigint as response_minutes, s.onsite_minutes::bigint as onsite_minutes, s.response_met, s.onsite_met,
                   t.time_zone, t.holiday_calendar, s.calendar_covered
            from core.tickets t left join marts.ticket_sla s using (ticket_id)
            """,
            ["ticket_id"], EntitySetDefinition.ByAccount("account_id"), ["contact"]),
        new("Contracts", "Contract",
            """
            select contract_id, account_id, start_date, end_date, auto_renew, notice_days, renewal_months, annual_fee,
                   payment_terms_days, margin_cap_pct, penalty_threshold_pct, response_hours, onsite_hours, service_start,
                   service_end, time_zone, holiday_calendar, terminated_on, service_weekdays
            from core.contracts
            """,
            ["contract_id"], EntitySetDefinition.ByAccount("account_id"), []),
        new("AccountScores", "AccountScore",
            """
            select account_id, score_run_id, as_of, churn_probability, churn_risk_band, churn_probability_change,
                   churn_reasons::varchar as churn_reasons, value_ml, value_bgnbd, predicted_value, predicted_tier,
                   expected_purchases, p_alive, expected_spend, clv, contract_id, cancel_by, non_renewal_probability,
                   clv_low, clv_high, clv_expected_purchases, clv_expected_purchases_low, clv_expected_purchases_high,
                   clv_purchases_low, clv_purchases_high, churn_cost
            from models.current_scores
            """,
            ["account_id"], EntitySetDefinition.ByAccount("account_id"), []),
        // One row per master account and recommended action of the latest scoring pass (models.next_actions, written by
        // the pass with its scores, docs/models.md#next-best-actions); a company's actions are its master's.
        new("NextActions", "NextAction",
            """
            select account_id, action, rank, feature, current_value, healthy_value, churn_probability, probability_after,
                   churn_probability - probability_after as probability_drop, due_by, score_run_id
            from models.next_actions
            where score_run_id = (select max(score_run_id) from models.score_runs)
            """,
            ["account_id", "action"], EntitySetDefinition.ByAccount("account_id"), []),
        // One row per scoring pass, model and group (models.pass_outcomes). A region's rows are figures over that
        // region's companies alone; the 'all' region rows are the whole book's, so a region-limited key reads only
        // the rows of its own regions.
        new("ModelMonitoring", "ModelMonitoringRow",
            "select * from models.pass_outcomes",
            ["score_run_id", "model", "region", "tier"], ByRegion, []),
        // Campaign headers hold no account's rows; their members are narrowed like every account's rows.
        new("Campaigns", "Campaign",
            """
            select campaign_id, name, target_id, rule::varchar as rule, frozen_on, frozen_at,
                   array_to_string(regions, ',') as regions, control_fraction, control_seed, created_by
            from campaigns.campaigns
            """,
            ["campaign_id"], EntitySetDefinition.Unrestricted, []),
        new("CampaignMembers", "CampaignMember",
            "select * from campaigns.campaign_members",
            ["campaign_id", "account_id"], EntitySetDefinition.ByAccount("account_id"), []),
        // Duplicate companies (重复客户): a pair is read only by a scope that may see both accounts.
        new("DuplicateCandidates", "DuplicateCandidate",
            """
            select d.account_id, a.name, d.other_account_id, o.name as other_name, d.score, d.rule, d.status, d.merged,
                   d.tax_id_equal, d.tax_id_conflict, d.city_conflict, d.legal_form_conflict, d.name_equal, d.name_similarity,
                   d.english_name_equal, d.phone_equal, d.ambiguous_name, d.decided_by, d.decided_at
            from marts.account_duplicates d
            join core.accounts a on a.account_id = d.account_id
            join core.accounts o on o.account_id = d.other_account_id
            """,
            ["account_id", "other_account_id"],
            scope => $"{scope.AccountFilter("src.account_id")} and {scope.AccountFilter("src.other_account_id")}", []),
        // Groups of companies (集团客户, docs/marts.md#groups-of-companies): a group's figures are sums over the members
        // the reader may see, so a region-limited key reads its own members' totals, never a foreign member's.
        new("Groups", "Group", ReportQueries.Sql("groups", _ => "true"), ["group_id"], EntitySetDefinition.Unrestricted, []) { ScopedReport = "groups" },
        new("GroupMembers", "GroupMember", ReportQueries.Sql("group_members", _ => "true"), ["account_id"], EntitySetDefinition.ByAccount("account_id"), []),
        Mart("GroupMemberMonths", "GroupMemberMonth", "group_member_months", ["account_id", "month"], EntitySetDefinition.ByAccount("account_id")),
        Mart("AccountSegments", "AccountSegment", "account_segments", ["account_id"], EntitySetDefinition.ByAccount("account_id")) with { ScopedReport = "scoped_account_segments" },
        Mart("AccountTiers", "AccountTier", "account_tiers", ["master_account_id"], EntitySetDefinition.ByAccount("master_account_id")) with { ScopedReport = "scoped_account_tiers" },
        Mart("AccountRfm", "AccountRfmScore", "account_rfm", ["master_account_id"], EntitySetDefinition.ByAccount("master_account_id")),
        Mart("CriticalAccounts", "CriticalAccount", "critical_accounts", ["master_account_id"], EntitySetDefinition.ByAccount("master_account_id")),
        Mart("ParetoCurve", "ParetoPoint", "pareto_curve", ["rank"], EntitySetDefinition.ByAccount("master_account_id")) with { ScopedReport = "scoped_pareto_curve" },
        Mart("ParetoHeadline", "ParetoHeadline", "pareto_headline", ["top_share"], EntitySetDefinition.Unrestricted) with { ScopedReport = "scoped_pareto_headline" },
        Mart("TierMigrations", "TierMigration", "tier_migrations", ["from_month", "to_month", "from_tier", "to_tier"], EntitySetDefinition.Unrestricted) with { ScopedReport = "scoped_tier_migrations" },
        Mart("ChurnRates", "ChurnRate", "churn_rates", ["period_start", "period_end", "dimension", "group_value"], EntitySetDefinition.Unrestricted) with { ScopedReport = "scoped_churn_rates" },
        Mart("SlaComplianceMonthly", "SlaComplianceMonth", "sla_compliance_monthly", ["dimension", "member", "month"], SlaMembers),
        Mart("MaintenanceVisits", "MaintenanceVisitMonth", "maintenance_visits", ["contract_id", "month"], EntitySetDefinition.ByAccount("account_id")),
        Mart("ContractStatus", "ContractState", "contract_status", ["contract_id"], EntitySetDefinition.ByAccount("account_id")),
        Mart("ContractMonthMargins", "ContractMonthMargin", "contract_month_margin", ["contract_id", "month"], EntitySetDefinition.ByAccount("account_id")),
        Mart("InvoicePayments", "InvoicePayment", "invoice_payments", ["order_id"], EntitySetDefinition.ByAccount("account_id")),
        Mart("AccountPayments", "AccountPayment", "account_payments", ["account_id"], EntitySetDefinition.ByAccount("account_id")),
        // Aggregated sets for BI tools whose connectors never send $apply (Power BI, Excel): each row is one region's
        // companies, so a region-limited scope reads its regions' rows. The dashboard's tiles and charts read the same marts.
        Mart("RevenueByMonth", "RevenueMonth", "revenue_by_month", ["month", "region", "tier", "category"], ByRegion) with { Measures = ["revenue", "quantity", "orders"] },
        Mart("SlaByMonthRegion", "SlaMonthRegion", "sla_by_month_region", ["month", "region", "tier"], ByRegion) with { Measures = ["tickets", "measured_tickets", "breached_tickets"] },
        Mart("ChurnValueByTier", "ChurnValueGroup", "churn_value_by_tier", ["tier", "region"], ByRegion) with { Measures = ["companies", "churned_companies", "value"] },
        // The cost of churn (挽留价值) per current tier and region, by the dashboard's rule (Reports/churn_cost_by_tier.sql).
        new EntitySetDefinition("ChurnCostByTier", "ChurnCostGroup", ReportQueries.Sql("churn_cost_by_tier", _ => "true"),
            ["tier", "region"], ByRegion, []) with { Measures = ["companies", "high_risk_companies", "critical_accounts", "predicted_value", "churn_cost", "critical_churn_cost"] },
        // What was not loaded and why: admins of every region only.
        .. LoadLedgerSets.All,
    ];

    public static IReadOnlyList<NavigationDefinition> Navigations { get; } =
    [
        new("Accounts", "Orders", "Orders", "account_id", "account_id", IsCollection: true),
        new("Accounts", "Tickets", "Tickets", "account_id", "account_id", IsCollection: true),
        new("Accounts", "Contracts", "Contracts", "account_id", "account_id", IsCollection: true),
        new("Accounts", "Score", "AccountScores", "account_id", "account_id", IsCollection: false),
        new("Orders", "Account", "Accounts", "account_id", "account_id", IsCollection: false),
        new("Orders", "Lines", "OrderLines", "order_id", "order_id", IsCollection: true),
        new("OrderLines", "Order", "Orders", "order_id", "order_id", IsCollection: false),
        new("OrderLines", "Product", "Products", "product_id", "product_id", IsCollection: false),
        new("Tickets", "Account", "Accounts", "account_id", "account_id", IsCollection: false),
        new("Tickets", "Contract", "Contracts", "contract_id", "contract_id", IsCollection: false),
        new("Contracts", "Account", "Accounts", "account_id", "account_id", IsCollection: false),
        new("Contracts", "Tickets", "Tickets", "contract_id", "contract_id", IsCollection: true),
        new("ContractStatus", "Account", "Accounts", "account_id", "account_id", IsCollection: false),
        new("AccountScores", "Account", "Accounts", "account_id", "account_id", IsCollection: false),
        new("NextActions", "Account", "Accounts", "account_id", "account_id", IsCollection: false),
        new("Campaigns", "Members", "CampaignMembers", "campaign_id", "campaign_id", IsCollection: true),
        new("CampaignMembers", "Campaign", "Campaigns", "campaign_id", "campaign_id", IsCollection: false),
        new("CampaignMembers", "Account", "Accounts", "account_id", "account_id", IsCollection: false),
        new("Groups", "Members", "GroupMembers", "group_id", "group_id", IsCollection: true),
        new("GroupMembers", "Group", "Groups", "group_id", "group_id", IsCollection: false),
        new("GroupMembers", "Account", "Accounts", "account_id", "account_id", IsCollection: false),
    ];

    private static EntitySetDefinition Mart(string name, string typeName, string mart, IReadOnlyList<string> key, Func<AccessScope, string> access) =>
        new(name, typeName, $"select * from marts.{mart}", key, access, []);

    // A region's rows hold only that region's companies (a company counts in its master's region, as AccountFilter says).
    private static string ByRegion(AccessScope scope) =>
        scope.Regions is not { } regions ? "true"
        : regions.Count == 0 ? "false"
        : $"src.region in ({string.Join(", ", regions.Select(SqlExtensions.Literal))})";

    private static string ThroughOrder(AccessScope scope)
    {
        var accounts = scope.AccountFilter("o.account_id");
        return accounts == "true" ? "true" : $"src.order_id in (select o.order_id from core.orders o where {accounts})";
    }

    // Engineers' and sites' rows mix accounts of every region, so a region-limited scope sees only its accounts'
    // and contracts' rows.
    private static string SlaMembers(AccessScope scope)
    {
        var accounts = scope.AccountFilter("src.member");
        return accounts == "true"
            ? "true"
            : $"((src.dimension = 'account' and {accounts}) or (src.dimension = 'contract' and src.member in "
              + $"(select c.contract_id from core.contracts c where {scope.AccountFilter("c.account_id")})))";
    }
}
