using Analytics.Warehouse;
using static Analytics.Ingest.Entities.ColumnKind;

namespace Analytics.Ingest.Entities;

/// <summary>The canonical entities of shared/CONTRACT.md, in the order parents come before children.</summary>
public static class EntityCatalog
{
    /// <summary>
    /// A user's holiday calendar: one row per holiday period (kind <c>holiday</c>) or make-up working day
    /// (<c>workday</c>, 调休上班), both ends included. Loaded before contracts and tickets, which must name a known calendar.
    /// </summary>
    public static readonly EntitySchema Holidays = new(
        "holidays", "core.user_holidays", ["calendar", "start_date"],
        [
            new("calendar", Text, Required: true),
            new("start_date", Date, Required: true),
            new("end_date", Date, Required: true),
            new("kind", Text, Default: "'holiday'"),
            new("holiday", Text), new("name", Text),
        ],
        [
            new("t.end_date < t.start_date", "end_date before start_date"),
            new("t.kind not in ('holiday', 'workday')", "kind not one of holiday, workday"),
            new("not regexp_full_match(t.calendar, '[A-Za-z0-9_-]+')", "calendar code not letters, digits, _ or -"),
        ],
        []);

    /// <summary>The setting company.regions, the company's regions separated by commas; null when it lists none.</summary>
    private const string CompanyRegions = "(select nullif(trim(value), '') from meta.settings where key = 'company.regions')";

    public static readonly EntitySchema Accounts = new(
        "accounts", "core.accounts", ["account_id"],
        [
            new("account_id", Text, Required: true),
            new("name", Text, Required: true),
            new("tax_id", Text), new("industry", Text), new("region", Text), new("city", Text),
            new("owner", Text), new("created_on", Date), new("english_name", Text),
            new("contact_name", Text), new("contact_phone", Text), new("contact_consent", YesNo),
            // churn as the export states it, read when churn.definition is label
            new("churned_on", Date), new("churned", YesNo), new("churn_label_as_of", Date),
            new("attributes", Attributes),
            // the company this one belongs to (集团客户): another account, which may come later in the file or in a later file
            new("parent_account_id", Text),
        ],
        [
            new("t.churned_on > t.churn_label_as_of", "churned_on after churn_label_as_of"),
            new("json_type(t.attributes) <> 'OBJECT'", "attributes is not a JSON object"),
            // A region outside the company's own would belong to no regional key: every regional manager would miss the
            // account. Only when the company lists its regions (the demo's are set on its first start); with no list a
            // region is taken as written, as public datasets' state or sales-region codes are.
            new($"not list_contains(regexp_split_to_array({CompanyRegions}, '\\s*,\\s*'), t.region)", "region not one of the company's regions")
            {
                ReasonSql = $"'region ' || t.region || ' is not one of the company''s regions (' || regexp_replace({CompanyRegions}, '\\s*,\\s*', ', ', 'g') || '; setting company.regions)'",
            },
        ],
        [new("parent_account_id", "accounts", "core.accounts", "account_id")])
    {
        HistoryColumns = ["name", "tax_id", "industry", "region", "city", "owner"],
    };

    public static readonly EntitySchema Products = new(
        "products", "core.products", ["product_id"],
        [
            new("product_id", Text, Required: true),
            new("name", Text, Required: true),
            new("category", Text), new("list_price", Money), new("unit_cost", Money),
        ],
        [
            new("t.list_price < 0", "negative list_price"),
            new("t.unit_cost < 0", "negative unit_cost"),
        ],
        []);

    // A calendar nobody loaded would silently give a contract no holidays at all.
    private static readonly CheckSpec KnownCalendar = new(
        "t.holiday_calendar not in (select calendar from core.calendar_periods)",
        "unknown holiday_calendar: no holidays are loaded for it (load its holidays file first)");

    public static readonly EntitySchema Contracts = new(
        "contracts", "core.contracts", ["contract_id"],
        [
            new("contract_id", Text, Required: true),
            new("account_id", Text, Required: true),
            new("start_date", Date, Required: true),
            new("end_date", Date, Required: true),
            new("auto_renew", YesNo), new("notice_days", WholeNumber), new("renewal_months", WholeNumber),
            new("annual_fee", Money), new("payment_terms_days", WholeNumber),
            new("margin_cap_pct", Percent), new("penalty_threshold_pct", Percent),
            new("response_hours", Hours), new("onsite_hours", Hours),
            new("service_start", Time), new("service_end", Time),
            new("time_zone", Text, Default: "'Asia/Shanghai'"),
            new("holiday_calendar", Text, Default: "'CN'"),
            new("terminated_on", Date),
            new("service_weekdays", Text),
            // terms one agreement states differently from another (issue 16); empty means the settings' defaults
            new("notice_after_end", YesNo), new("payment_terms_basis", Text), new("settlement_day", WholeNumber),
        ],
        [
            new("t.end_date < t.start_date", "end_date before start_date"),
            new("t.terminated_on < t.start_date", "terminated_on before start_date"),
            new("t.notice_days < 0", "negative notice_days"),
            new("t.annual_fee < 0", "negative annual_fee"),
            new("t.margin_cap_pct < 0 or t.margin_cap_pct > 100", "margin_cap_pct outside 0..100"),
            new("t.penalty_threshold_pct < t.margin_cap_pct", "penalty_threshold_pct below margin_cap_pct"),
            new("t.response_hours <= 0 or t.onsite_hours <= 0", "SLA hours must be positive"),
            new("t.service_end <= t.service_start", "service_end not after service_start"),
            new("t.time_zone not in (select name from pg_timezone_names())", "unknown time_zone"),
            KnownCalendar,
            new("not regexp_full_match(t.service_weekdays, '[1-7]+')", "service_weekdays not ISO weekday digits (1 Monday .. 7 Sunday)"),
            new("t.payment_terms_days < 0", "negative payment_terms_days"),
            new("t.payment_terms_basis not in ('working', 'calendar')", "payment_terms_basis not one of working, calendar"),
            new("t.settlement_day < 1 or t.settlement_day > 31", "settlement_day outside 1..31"),
        ],
        [new("account_id", "accounts", "core.accounts", "account_id")]);

    public static readonly EntitySchema Orders = new(
        "orders", "core.orders", ["order_id"],
        [
            new("order_id", Text, Required: true),
            new("account_id", Text, Required: true),
            new("order_date", Date, Required: true),
            new("channel", Text), new("contract_id", Text), new("amount", Money),
            new("invoice_date", Date), new("due_date", Date), new("paid_date", Date),
        ],
        [
            new("t.amount < 0", "negative amount"),
            new("t.due_date < t.invoice_date", "due_date before invoice_date"),
            new("t.invoice_date < t.order_date", "invoice_date before order_date"),
        ],
        [
            new("account_id", "accounts", "core.accounts", "account_id"),
            new("contract_id", "contracts", "core.contracts", "contract_id"),
        ]);

    public static readonly EntitySchema OrderLines = new(
        "order_lines", "core.order_lines", ["order_id", "line_no"],
        [
            new("order_id", Text, Required: true),
            new("line_no", WholeNumber),
            new("product_id", Text, Required: true),
            new("quantity", Quantity, Required: true),
            new("unit_price", Quantity, Required: true),
            new("unit_cost", Quantity),
            new("discount", Fraction, Default: "0"),
        ],
        [
            new("t.quantity < 0", "negative quantity"),
            new("t.unit_price < 0", "negative unit_price"),
            new("t.unit_cost < 0", "negative unit_cost"),
            new("t.discount < 0 or t.discount > 1", "discount outside 0..1"),
        ],
        [
            new("order_id", "orders", "core.orders", "order_id"),
            new("product_id", "products", "core.products", "product_id"),
        ])
    {
        NumberedKey = "line_no",
        ReplaceScope = "order_id",
    };

    public static readonly EntitySchema Tickets = new(
        "tickets", "core.tickets", ["ticket_id"],
        [
            new("ticket_id", Text, Required: true),
            new("account_id", Text, Required: true),
            new("contract_id", Text),
            new("kind", Text, Required: true),
            new("priority", Text), new("contact", Text), new("is_designated_contact", YesNo),
            new("opened_at", Timestamp, Required: true),
            new("first_response_at", Timestamp), new("onsite_at", Timestamp),
            new("resolved_at", Timestamp), new("closed_at", Timestamp),
            new("satisfaction", WholeNumber), new("engineer", Text), new("site", Text),
            new("time_zone", Text), new("holiday_calendar", Text),
        ],
        [
            new("t.kind not in ('phone', 'onsite', 'maintenance', 'complaint', 'request')",
                "kind not one of phone, onsite, maintenance, complaint, request"),
            new("t.first_response_at < t.opened_at", "first_response_at before opened_at"),
            new("t.onsite_at < t.opened_at", "onsite_at before opened_at"),
            new("t.resolved_at < t.opened_at", "resolved_at before opened_at"),
            new("t.closed_at < coalesce(t.resolved_at, t.opened_at)", "closed_at before resolved_at"),
            new("t.satisfaction < 1 or t.satisfaction > 5", "satisfaction outside 1..5"),
            new("t.time_zone not in (select name from pg_timezone_names())", "unknown time_zone"),
            KnownCalendar,
        ],
        [
            new("account_id", "accounts", "core.accounts", "account_id"),
            new("contract_id", "contracts", "core.contracts", "contract_id"),
        ]);

    /// <summary>Parents first: loading a folder in this order never makes a row wait for a file beside it.</summary>
    public static IReadOnlyList<EntitySchema> All { get; } = [Holidays, Accounts, Products, Contracts, Orders, OrderLines, Tickets];

    public static EntitySchema? Find(string name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
}
