namespace Analytics.Tests.OData;

/// <summary>
/// Every $filter construct against the same question asked in hand-written SQL on the warehouse tables, row for
/// row, on data with nulls, Chinese, ' % and _ in values, exact decimals and leap days. Pages of two rows, so every
/// answer is also read through @odata.nextLink.
/// </summary>
public sealed class FilterTests(ODataBook book) : IClassFixture<ODataBook>
{
    private const string AccountsSql = "select account_id as k, * from core.accounts";
    private const string OrdersSql = "select order_id as k, * from marts.orders";
    private const string LinesSql = "select order_id || '/' || line_no as k, * from marts.order_lines";
    private const string TicketsSql = "select t.ticket_id as k, t.*, s.response_minutes, s.response_met from core.tickets t left join marts.ticket_sla s on s.ticket_id = t.ticket_id";

    public static TheoryData<string, string, string> Filters { get; } = new()
    {
        { "Accounts", "Region eq '华东'", "region = '华东'" },
        { "Accounts", "Region ne '华东'", "region is distinct from '华东'" },
        { "Accounts", "Region eq null", "region is null" },
        { "Accounts", "null ne Region", "region is not null" },
        { "Accounts", "Name eq 'O''Brien & Co'", "name = 'O''Brien & Co'" },
        { "Accounts", "contains(Name,'%')", "strpos(name, '%') > 0" },
        { "Accounts", "contains(Name,'_')", "strpos(name, '_') > 0" },
        { "Accounts", "contains(Name,'''')", "strpos(name, '''') > 0" },
        { "Accounts", "startswith(Name,'华东')", "starts_with(name, '华东')" },
        { "Accounts", "endswith(Name,'Co')", "suffix(name, 'Co')" },
        { "Accounts", "contains(tolower(Name),'pure')", "strpos(lower(name), 'pure') > 0" },
        { "Accounts", "contains(Name,City)", "strpos(name, city) > 0" },
        { "Accounts", "toupper(Name) eq 'UNDER_SCORE LTD'", "upper(name) = 'UNDER_SCORE LTD'" },
        { "Accounts", "CreatedOn ge 2021-01-01", "created_on >= date '2021-01-01'" },
        { "Accounts", "not (CreatedOn ge 2021-01-01)", "created_on < date '2021-01-01' or created_on is null" },
        { "Accounts", "CreatedOn eq 2024-02-29", "created_on = date '2024-02-29'" },
        { "Accounts", "year(CreatedOn) eq 2024 and month(CreatedOn) eq 2 and day(CreatedOn) eq 29", "created_on = date '2024-02-29'" },
        { "Accounts", "Region in ('华东','South')", "region in ('华东', 'South')" },
        { "Accounts", "Region in ('North',null)", "region = 'North' or region is null" },
        { "Accounts", "not (Region in ('华东'))", "region is distinct from '华东'" },
        { "Accounts", "length(Name) gt 10", "length(name) > 10" },
        { "Accounts", "indexof(Name,'&') eq 8", "strpos(name, '&') = 9" },
        { "Accounts", "indexof(Name,'zzz') eq -1", "strpos(name, 'zzz') = 0" },
        { "Accounts", "substring(Name,1,5) eq '''Brie'", "substring(name, 2, 5) = '''Brie'" },
        { "Accounts", "substring(Name,4) eq 'Pure Water'", "substring(name, 5) = 'Pure Water'" },
        { "Accounts", "concat(Region,City) eq '华东上海'", "region || city = '华东上海'" },
        { "Accounts", "Owner eq City", "owner is not distinct from city" },
        { "Accounts", "Owner ne City", "owner is distinct from city" },
        { "Accounts", "trim(Name) eq Name and Owner ne null", "owner is not null" },
        { "Accounts", "Region eq '华东' or CreatedOn lt 2020-01-01", "region = '华东' or created_on < date '2020-01-01'" },
        { "Accounts", "not (Region eq '华东' or City eq null)", "region is distinct from '华东' and city is not null" },
        { "Orders", "NetAmount gt 1000", "net_amount > 1000" },
        { "Orders", "NetAmount ge 949.05 and NetAmount le 5999", "net_amount between 949.05 and 5999" },
        { "Orders", "NetAmount eq 4125.375", "net_amount = 4125.375" },
        { "Orders", "NetAmount mul 2 gt 2000", "net_amount * 2 > 2000" },
        { "Orders", "NetAmount sub 0.7 eq 0", "order_id = 'O6'" },
        { "Orders", "NetAmount add 1 lt 2", "net_amount + 1 < 2" },
        { "Orders", "NetAmount div 2 gt 2000", "net_amount / 2 > 2000" },
        { "Orders", "-NetAmount lt -5000", "net_amount > 5000" },
        { "Orders", "OrderDate lt 2024-03-01", "order_date < date '2024-03-01'" },
        { "Orders", "month(OrderDate) eq 2 and day(OrderDate) eq 29", "order_date = date '2024-02-29'" },
        { "Orders", "Channel ne 'phone'", "channel is distinct from 'phone'" },
        { "Orders", "not (Channel eq 'phone')", "channel is distinct from 'phone'" },
        { "Orders", "not (NetAmount gt 1000) and Channel ne null", "net_amount <= 1000 and channel is not null" },
        { "Orders", "ContractId eq null or NetAmount lt 1", "contract_id is null or net_amount < 1" },
        { "Orders", "LineCount div 2 eq 0", "line_count // 2 = 0" },
        { "Orders", "LineCount mod 2 eq 1", "line_count % 2 = 1" },
        { "Orders", "round(NetAmount) eq 949", "round(net_amount) = 949" },
        { "Orders", "floor(NetAmount) eq 4125 and ceiling(NetAmount) eq 4126", "order_id = 'O4'" },
        { "Orders", "OrderDate gt CreatedOnMissing", "" },
        { "OrderLines", "Discount gt 0", "discount > 0" },
        { "OrderLines", "Quantity mul UnitPrice gt 1000", "quantity * unit_price > 1000" },
        { "OrderLines", "UnitCost eq null", "unit_cost is null" },
        { "OrderLines", "LineNo eq 2", "line_no = 2" },
        { "Tickets", "Contact eq 'O''Hara'", "contact = 'O''Hara'" },
        { "Tickets", "ResponseMet eq true", "response_met" },
        { "Tickets", "ResponseMet", "response_met" },
        { "Tickets", "not ResponseMet", "not response_met" },
        { "Tickets", "ResponseMet ne true", "response_met is distinct from true" },
        { "Tickets", "ResponseMinutes le 120", "response_minutes <= 120" },
        { "Tickets", "OpenedAt ge 2024-03-05T00:00:00Z", "opened_at >= timestamptz '2024-03-05 00:00:00+00'" },
        { "Tickets", "OpenedAt lt 2024-03-05T09:00:00+08:00", "opened_at < timestamptz '2024-03-05 01:00:00+00'" },
        { "Tickets", "hour(OpenedAt) eq 1 and minute(OpenedAt) eq 0", "hour(opened_at) = 1 and minute(opened_at) = 0" },
        { "Tickets", "date(OpenedAt) eq 2024-03-06", "ticket_id = 'T3'" },
        { "Tickets", "Satisfaction ge 1", "satisfaction >= 1" },
        // A day or an instant moved by a duration.
        { "Orders", "OrderDate add duration'P30D' gt 2024-03-01", "order_date + interval 30 day > date '2024-03-01'" },
        { "Orders", "OrderDate sub duration'P1D' lt 2024-01-01", "order_date < date '2024-01-02'" },
        { "Tickets", "OpenedAt sub duration'PT8H' lt 2024-03-04T20:00:00Z", "opened_at < timestamptz '2024-03-05 04:00:00+00'" },
        { "Tickets", "duration'PT1H30M' add OpenedAt ge 2024-03-05T02:30:00Z", "opened_at >= timestamptz '2024-03-05 01:00:00+00'" },
        { "Tickets", "FirstResponseAt sub OpenedAt gt duration'PT1H'", "first_response_at - opened_at > interval 1 hour" },
        { "Accounts", "2024-03-01 sub CreatedOn le duration'P1D'", "created_on >= date '2024-02-29'" },
        // cast: a value that does not convert is null.
        { "Orders", "cast(LineCount,Edm.String) eq '2'", "line_count = 2" },
        { "Accounts", "cast(CreatedOn,Edm.String) ge '2021'", "created_on >= date '2021-01-01'" },
        { "Accounts", "cast(TaxId,Edm.Int64) eq null and TaxId ne null", "tax_id is not null and try_cast(tax_id as bigint) is null" },
        // any and all over a navigation: some related row satisfies the body; no related row fails it (null fails).
        { "Orders", "Lines/any(l: l/ProductId eq 'P2')", "order_id in (select order_id from core.order_lines where product_id = 'P2')" },
        { "Orders", "Lines/any()", "order_id in (select order_id from core.order_lines)" },
        { "Orders", "Lines/all(l: l/Discount eq 0)", "order_id not in (select order_id from core.order_lines where discount <> 0)" },
        { "Orders", "Lines/any(l: l/Quantity mul l/UnitPrice gt 5000 and l/UnitCost ne null)", "order_id in (select order_id from core.order_lines where quantity * unit_price > 5000 and unit_cost is not null)" },
        { "Accounts", "Orders/any(o: o/NetAmount gt 5000)", "account_id in (select account_id from marts.orders where net_amount > 5000)" },
        { "Accounts", "Orders/all(o: o/Channel eq 'phone')", "account_id not in (select account_id from marts.orders where channel is distinct from 'phone')" },
        { "Accounts", "not Orders/any(o: o/Channel eq 'schedule')", "account_id not in (select account_id from marts.orders where channel = 'schedule')" },
        { "Accounts", "Region eq '华东' and Orders/any(o: o/OrderDate ge 2025-01-01)", "region = '华东' and account_id in (select account_id from marts.orders where order_date >= date '2025-01-01')" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_filter_returns_exactly_the_rows_hand_written_SQL_returns(string set, string filter, string sql)
    {
        if (sql.Length == 0)
        {
            var (status, body) = await book.Host.Get($"/odata/{set}?$filter={Uri.EscapeDataString(filter)}");
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
            Assert.Contains("\"error\"", body, StringComparison.Ordinal);
            return;
        }

        var keySelect = set switch
        {
            "Accounts" => "AccountId",
            "Orders" => "OrderId",
            "OrderLines" => "OrderId,LineNo",
            _ => "TicketId",
        };
        var expected = book.Warehouse.Rows($"select k from ({From(set)}) x where {sql} order by k", r => r.GetString(0));

        var rows = await book.Host.All($"/odata/{set}?$filter={Uri.EscapeDataString(filter)}&$select={keySelect}");

        var actual = rows.Select(r => set == "OrderLines"
            ? r.GetProperty("OrderId").GetString() + "/" + r.GetProperty("LineNo").GetInt32()
            : r.GetProperty(keySelect).GetString()!).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Most_filters_select_some_rows_but_not_all()
    {
        // A filter that finds nothing (or everything) on both sides would prove little.
        var filters = Filters.Select(f => ((string)f[0], (string)f[2])).Where(f => f.Item2.Length > 0).ToList();
        var selective = filters.Count(f =>
            book.Warehouse.Scalar<long>($"select count(*) from ({From(f.Item1)}) x where {f.Item2}") is var n
            && n > 0 && n < book.Warehouse.Scalar<long>($"select count(*) from ({From(f.Item1)}) x"));
        Assert.True(selective >= filters.Count - 4, $"{selective} of {filters.Count}");
    }

    private static string From(string set) => set switch
    {
        "Accounts" => AccountsSql,
        "Orders" => OrdersSql,
        "OrderLines" => LinesSql,
        _ => TicketsSql,
    };
}
