using Analytics.Ingest.Demo;
using Analytics.Ingest.Loading;
using Analytics.Warehouse;
using Xunit.Abstractions;

namespace Analytics.Tests.Demo;

public sealed class DemoCompanyTests(DemoCompanyFixture demo, ITestOutputHelper output) : IClassFixture<DemoCompanyFixture>
{
    private static readonly ServiceCalendar Calendar = ServiceCalendar.China;

    [Fact]
    public void Every_file_loads_through_the_loader_with_no_rejects_and_nothing_pending()
    {
        Assert.Equal(["accounts", "products", "contracts", "orders", "order_lines", "tickets"], demo.Reports.Select(r => r.Entity));
        foreach (var report in demo.Reports)
        {
            Assert.True(report.Status == LoadStatus.Loaded, $"{report.File}: {report.Error}");
            Assert.True(report.Counts.Rejected == 0, $"{report.File}: {string.Join("; ", report.Rejects.Take(5).Select(r => r.Reason))}");
            Assert.Equal(0, report.Counts.Pending);
            Assert.Equal(demo.Summary.Rows(report.Entity!), report.Counts.Loaded);
        }
    }

    [Fact]
    public void Files_have_exactly_the_canonical_columns()
    {
        var expected = new Dictionary<string, string>
        {
            ["accounts"] = "account_id,name,tax_id,industry,region,city,owner,created_on,english_name,contact_name,contact_phone,contact_consent,parent_account_id",
            ["products"] = "product_id,name,category,list_price,unit_cost",
            ["contracts"] = "contract_id,account_id,start_date,end_date,auto_renew,notice_days,renewal_months,annual_fee,payment_terms_days,margin_cap_pct,penalty_threshold_pct,response_hours,onsite_hours,service_start,service_end,time_zone,holiday_calendar,terminated_on",
            ["orders"] = "order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date",
            ["order_lines"] = "order_id,line_no,product_id,quantity,unit_price,unit_cost,discount",
            ["tickets"] = "ticket_id,account_id,contract_id,kind,priority,contact,is_designated_contact,opened_at,first_response_at,onsite_at,resolved_at,closed_at,satisfaction,engineer,site",
        };
        foreach (var (entity, header) in expected)
        {
            Assert.Equal(header, File.ReadLines(Path.Combine(demo.Folder, entity + ".csv")).First());
        }
    }

    [Fact]
    public void Top_fifth_of_accounts_brings_between_70_and_90_percent_of_revenue()
    {
        var share = demo.Scalar<double>($"""
            with revenue as (select account_id, sum(amount::decimal(18,2)) as net from {demo.Csv("orders")} group by account_id),
            ranked as (select net, row_number() over (order by net desc) as rank, count(*) over () as accounts from revenue)
            select sum(net) filter (where rank <= accounts * 0.2) / sum(net) from ranked
            """);
        output.WriteLine($"top fifth's share of net revenue: {share:P1}");
        Assert.InRange(share, 0.7, 0.9);
    }

    [Fact]
    public void Tiers_move_some_accounts_rise_into_the_top_fifth_and_some_fall_out()
    {
        var moves = demo.Connection.Rows($"""
            with yearly as (select account_id, year(order_date::date) as y, sum(amount::double) as net from {demo.Csv("orders")} group by all),
            ranked as (select account_id, y, percent_rank() over (partition by y order by net desc) < 0.2 as top from yearly),
            first_top as (select account_id from ranked where y = 2023 and top),
            last_top as (select account_id from ranked where y = 2025 and top)
            select (select count(*) from last_top where account_id not in (select account_id from first_top)),
                   (select count(*) from first_top where account_id not in (select account_id from last_top))
            """, r => (Risen: r.GetInt64(0), Fallen: r.GetInt64(1))).Single();
        output.WriteLine($"risen {moves.Risen}, fallen {moves.Fallen}");
        Assert.True(moves.Risen >= 10, $"{moves.Risen} accounts rose into the top fifth");
        Assert.True(moves.Fallen >= 10, $"{moves.Fallen} accounts fell out of the top fifth");
    }

    [Fact]
    public void Accounts_are_won_throughout_the_period_and_before_it()
    {
        var (before, during) = demo.Connection.Rows(
            $"select count(*) filter (where created_on::date < date '2023-01-01'), count(*) filter (where created_on::date >= date '2023-01-01') from {demo.Csv("accounts")}",
            r => (r.GetInt64(0), r.GetInt64(1))).Single();
        Assert.InRange(during / (double)(before + during), 0.2, 0.5);
        var monthsWithNewAccounts = demo.Scalar<long>(
            $"select count(distinct date_trunc('month', created_on::date)) from {demo.Csv("accounts")} where created_on::date >= date '2023-01-01'");
        Assert.True(monthsWithNewAccounts >= 30, $"new accounts in only {monthsWithNewAccounts} months");
    }

    [Fact]
    public void Churners_show_worse_service_than_stayers_in_the_six_months_before_they_leave()
    {
        // Churners: bought regularly, then stopped at least six months before the data ends. Stayers: still buying in its last quarter.
        var accounts = demo.Connection.Rows($"""
            select account_id, max(order_date::date) as last_order, count(*) as orders
            from {demo.Csv("orders")} group by account_id having count(*) >= 6
            """, r => (Id: r.GetString(0), Last: DateOnly.FromDateTime(r.GetDateTime(1)), Orders: r.GetInt64(2)));
        var end = demo.Summary.End;
        var churners = accounts.Where(a => a.Last < end.AddMonths(-6) && a.Last >= demo.Summary.Start.AddMonths(9))
            .ToDictionary(a => a.Id, a => (From: a.Last.AddMonths(-6).ToDateTime(TimeOnly.MinValue), To: a.Last.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var stayers = accounts.Where(a => a.Last >= end.AddMonths(-3)).Select(a => a.Id).ToHashSet();
        Assert.True(churners.Count >= 25, $"only {churners.Count} churners");
        Assert.True(stayers.Count >= 200, $"only {stayers.Count} stayers");

        var before = demo.Tickets.Where(t => churners.TryGetValue(t.AccountId, out var w) && t.Opened >= w.From && t.Opened < w.To).ToList();
        var staying = demo.Tickets.Where(t => stayers.Contains(t.AccountId)).ToList();
        var stayerMonths = stayers.Count * 36.0;
        var churnerMonths = churners.Count * 6.0;

        var churnBreach = BreachRate(before);
        var stayBreach = BreachRate(staying);
        var churnComplaints = before.Count(t => t.Kind == "complaint") / churnerMonths;
        var stayComplaints = staying.Count(t => t.Kind == "complaint") / stayerMonths;
        var churnSatisfaction = before.Where(t => t.Satisfaction is not null).Average(t => t.Satisfaction!.Value);
        var staySatisfaction = staying.Where(t => t.Satisfaction is not null).Average(t => t.Satisfaction!.Value);

        output.WriteLine($"{churners.Count} churners, {stayers.Count} stayers; breach {churnBreach:P1} vs {stayBreach:P1}, complaints/month {churnComplaints:0.000} vs {stayComplaints:0.000}, satisfaction {churnSatisfaction:0.00} vs {staySatisfaction:0.00}");
        Assert.True(churnBreach > stayBreach * 1.5, $"breach rate {churnBreach:P1} before leaving vs {stayBreach:P1} for stayers");
        Assert.True(churnComplaints > stayComplaints * 1.5, $"complaints per month {churnComplaints:0.000} before leaving vs {stayComplaints:0.000}");
        Assert.True(churnSatisfaction < staySatisfaction - 0.3, $"satisfaction {churnSatisfaction:0.00} before leaving vs {staySatisfaction:0.00}");
    }

    [Fact]
    public void Churners_order_less_and_less_before_they_stop()
    {
        // Orders in the 4-6 months before the last order against the 3 months before that: the decline shows before the stop.
        var ratio = demo.Scalar<double>($"""
            with orders as (select account_id, order_date::date as day from {demo.Csv("orders")}),
            accounts as (select account_id, max(day) as last_order, count(*) as n from orders group by all),
            churners as (select * from accounts where n >= 8 and last_order < date '2025-06-30' and last_order >= date '2024-06-01')
            select count(*) filter (where o.day > c.last_order - interval 3 month)::double
                 / count(*) filter (where o.day > c.last_order - interval 12 month and o.day <= c.last_order - interval 9 month)
            from churners c join orders o using (account_id)
            """);
        output.WriteLine($"orders ratio {ratio:P0}");
        Assert.True(ratio < 0.8, $"last quarter's orders are {ratio:P0} of the same quarter a year before");
    }

    [Fact]
    public void No_ticket_opens_outside_the_service_window_or_on_a_CN_holiday()
    {
        var holidays = HolidayCalendars.Periods("CN")
            .SelectMany(p => Enumerable.Range(0, p.End.DayNumber - p.Start.DayNumber + 1).Select(p.Start.AddDays))
            .ToHashSet();
        Assert.NotEmpty(demo.Tickets);
        foreach (var t in demo.Tickets)
        {
            Assert.True(t.Opened.TimeOfDay >= TimeSpan.FromHours(9) && t.Opened.TimeOfDay < TimeSpan.FromHours(17), $"{t.TicketId} opened at {t.Opened:O}");
            Assert.DoesNotContain(DateOnly.FromDateTime(t.Opened), holidays);
        }

        Assert.Contains(demo.Tickets, t => t.Opened.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    [Fact]
    public void Ticket_times_follow_one_another_and_some_run_across_closing_time()
    {
        foreach (var t in demo.Tickets)
        {
            Assert.True(t.FirstResponse is null || t.FirstResponse >= t.Opened, t.TicketId);
            Assert.True(t.Onsite is null || t.Onsite >= t.Opened, t.TicketId);
            Assert.True(t.Resolved is null || t.Resolved >= t.Opened, t.TicketId);
            Assert.True(t.Closed is null || t.Closed >= (t.Resolved ?? t.Opened), t.TicketId);
        }

        Assert.Contains(demo.Tickets, t => t.FirstResponse is { } r && r.Date > t.Opened.Date);
        Assert.Contains(demo.Tickets, t => t.Kind == "onsite" && t.Onsite is { } o && o.Date > t.Opened.Date && Calendar.Between(t.Opened, o) <= TimeSpan.FromHours(4));
    }

    [Fact]
    public void Between_5_and_15_percent_of_tickets_breach_their_SLA()
    {
        var rate = BreachRate(demo.Tickets);
        output.WriteLine($"breach rate {rate:P1}");
        Assert.InRange(rate, 0.05, 0.15);
    }

    [Fact]
    public void Every_contract_carries_the_agreement_terms()
    {
        var terms = demo.Connection.Rows($"""
            select count(*), count(*) filter (where response_hours = '2' and onsite_hours = '4' and service_start = '09:00:00' and service_end = '17:00:00'
                    and time_zone = 'Asia/Shanghai' and holiday_calendar = 'CN' and notice_days = '30' and renewal_months = '12'
                    and margin_cap_pct = '7' and penalty_threshold_pct = '10' and annual_fee::decimal(18,2) > 0 and payment_terms_days::int > 0),
                   count(*) filter (where auto_renew = 'true'), count(*) filter (where auto_renew = 'false'),
                   count(*) filter (where terminated_on is not null), count(distinct contract_id)
            from {demo.Csv("contracts")}
            """, r => (All: r.GetInt64(0), WithTerms: r.GetInt64(1), Auto: r.GetInt64(2), Manual: r.GetInt64(3), Terminated: r.GetInt64(4), Ids: r.GetInt64(5))).Single();
        Assert.True(terms.All > 100, $"{terms.All} contracts");
        Assert.Equal(terms.All, terms.WithTerms);
        Assert.Equal(terms.All, terms.Ids);
        Assert.True(terms.Auto > terms.Manual && terms.Manual > 0, $"{terms.Auto} auto-renewing, {terms.Manual} not");
        Assert.True(terms.Terminated > 0, "no contract was terminated early");
    }

    [Fact]
    public void Most_orders_keep_within_the_7_percent_margin_cap_some_exceed_it_and_a_few_pass_10_percent()
    {
        var (within, above7, above10) = demo.Connection.Rows($"""
            with lines as (
                select order_id, sum(quantity::double * unit_price::double * (1 - discount::double)) as net, sum(quantity::double * unit_cost::double) as cost
                from {demo.Csv("order_lines")} group by order_id
            ), margins as (select (net - cost) / net as margin from lines)
            select avg((margin <= 0.07)::int), avg((margin > 0.07)::int), avg((margin > 0.10)::int) from margins
            """, r => (r.GetDouble(0), r.GetDouble(1), r.GetDouble(2))).Single();
        output.WriteLine($"margin <= 7%: {within:P1}, > 7%: {above7:P1}, > 10%: {above10:P1}");
        Assert.True(within >= 0.8, $"{within:P1} within the cap");
        Assert.InRange(above7, 0.03, 0.2);
        Assert.InRange(above10, 0.005, 0.06);
    }

    [Fact]
    public void Order_amount_is_the_sum_of_its_lines_to_the_cent()
    {
        var mismatches = demo.Scalar<long>($"""
            with lines as (
                select order_id, round(sum(quantity::decimal(38,4) * unit_price::decimal(18,4) * (1 - discount::decimal(9,6))), 2) as net
                from {demo.Csv("order_lines")} group by order_id
            )
            select count(*) from {demo.Csv("orders")} o full join lines l using (order_id)
            where o.amount is null or l.net is null or o.amount::decimal(18,2) <> l.net
            """);
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Orders_arrive_by_form_phone_and_monthly_schedule_and_some_are_group_purchases()
    {
        var channels = demo.Connection.Rows($"select channel, count(*) from {demo.Csv("orders")} group by channel", r => (r.GetString(0), r.GetInt64(1)))
            .ToDictionary(x => x.Item1, x => x.Item2);
        Assert.Equal(["order_form", "phone", "schedule"], channels.Keys.Order());
        Assert.True(demo.Scalar<long>($"select count(*) from {demo.Csv("order_lines")} where quantity::int >= 9") > 0);
        Assert.Equal(0, demo.Scalar<long>($"select count(*) from {demo.Csv("order_lines")} where quantity::int <= 0"));
    }

    [Fact]
    public void Contract_accounts_get_a_maintenance_visit_every_month_and_most_take_place()
    {
        var (visits, contractMonths, missed, doubled) = demo.Connection.Rows($"""
            with contracts as (
                select contract_id, start_date::date as s,
                    least(case when auto_renew::boolean then coalesce(terminated_on::date, date '2025-12-31')
                               else least(coalesce(terminated_on::date, end_date::date), end_date::date) end, date '2025-12-31') as e
                from {demo.Csv("contracts")}
            ), months as (
                select contract_id, unnest(generate_series(date_trunc('month', greatest(s, date '2023-01-01')), date_trunc('month', e), interval 1 month)) as month
                from contracts where e >= date '2023-01-01'
            ), maintenance as (
                select contract_id, date_trunc('month', opened_at::timestamptz at time zone 'Asia/Shanghai') as month, onsite_at
                from {demo.Csv("tickets")} where kind = 'maintenance'
            )
            select (select count(*) from maintenance), (select count(*) from months),
                   (select count(*) from maintenance where onsite_at is null),
                   (select count(*) from (select contract_id, month from maintenance group by all having count(*) > 1))
            """, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3))).Single();
        output.WriteLine($"visits {visits} of {contractMonths} contract months, missed {missed}");
        Assert.Equal(0, doubled);
        Assert.InRange(visits / (double)contractMonths, 0.85, 1.0);
        Assert.InRange(missed / (double)visits, 0.01, 0.15);
    }

    [Fact]
    public void Most_customers_pay_on_time_some_pay_late_and_recent_invoices_are_still_open()
    {
        var (late, open, recentOpen) = demo.Connection.Rows($"""
            select avg((paid_date::date > due_date::date)::int), avg((paid_date is null)::int),
                   count(*) filter (where paid_date is null and invoice_date::date >= date '2025-11-01')
            from {demo.Csv("orders")} where invoice_date is not null
            """, r => (r.GetDouble(0), r.GetDouble(1), r.GetInt64(2))).Single();
        output.WriteLine($"late {late:P1}, open {open:P1}, recent open {recentOpen}");
        Assert.InRange(late, 0.05, 0.3);
        Assert.InRange(open, 0.005, 0.1);
        Assert.True(recentOpen > 0);
        var latePayers = demo.Scalar<long>($"""
            select count(*) from (
                select account_id from {demo.Csv("orders")} where paid_date is not null
                group by account_id having count(*) >= 5 and avg((paid_date::date > due_date::date)::int) > 0.8)
            """);
        Assert.True(latePayers >= 10, $"{latePayers} accounts pay late systematically");
    }

    [Fact]
    public void Service_requests_come_mostly_from_designated_contacts()
    {
        var requests = demo.Tickets.Where(t => t.Kind == "request").ToList();
        var share = requests.Count(t => !t.Designated) / (double)requests.Count;
        Assert.InRange(share, 0.03, 0.25);
        Assert.All(requests.Where(t => !t.Designated), t => Assert.Null(t.FirstResponse));
        Assert.Contains(demo.Tickets, t => t.Kind == "complaint");
    }

    [Fact]
    public void Some_companies_appear_twice_with_name_variants_and_split_orders()
    {
        var accounts = demo.Connection.Rows($"select account_id, name, tax_id, english_name from {demo.Csv("accounts")}",
            r => (Id: r.GetString(0), Name: r.GetString(1), TaxId: r.IsDBNull(2) ? null : r.GetString(2), English: r.IsDBNull(3) ? null : r.GetString(3)));
        Assert.Equal(accounts.Count, accounts.Select(a => a.Id).Distinct().Count());

        var sameTaxId = accounts.Where(a => a.TaxId is not null).GroupBy(a => a.TaxId).Where(g => g.Count() == 2).Select(g => g.ToList()).ToList();
        Assert.InRange(sameTaxId.Count, 3, 60);

        // The answer key beside the files: every pair names two accounts of the file, in several kinds of variation.
        var truth = demo.Connection.Rows(
            $"select account_id, other_account_id, same_company, variation from read_csv({Analytics.Warehouse.SqlExtensions.Literal(Path.Combine(demo.Folder, "truth", "duplicates.csv"))}, header = true, all_varchar = true)",
            r => (Id: r.GetString(0), Other: r.GetString(1), Same: r.GetString(2) == "true", Variation: r.GetString(3)));
        var ids = accounts.Select(a => a.Id).ToHashSet();
        Assert.All(truth, t => Assert.True(ids.Contains(t.Id) && ids.Contains(t.Other), $"{t.Id} {t.Other}"));
        Assert.InRange(truth.Count(t => t.Same), 10, 60);
        Assert.True(truth.Where(t => t.Same).Select(t => t.Variation.Split(',')[0]).Distinct().Count() >= 5);
        Assert.Contains(truth, t => !t.Same);

        var buyers = demo.Connection.Rows($"select distinct account_id from {demo.Csv("orders")}", r => r.GetString(0)).ToHashSet();
        Assert.True(sameTaxId.Count(p => p.All(a => buyers.Contains(a.Id))) >= 3, "orders are not split between the two records of a company");
    }

    [Fact]
    public void Names_cities_and_credit_codes_look_like_a_Chinese_customer_list()
    {
        const string CreditCode = "'^91[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'";
        var (accounts, regions, badCodes) = demo.Connection.Rows(
            $"select count(*), count(distinct region), count(*) filter (where tax_id is not null and not regexp_matches(upper(replace(tax_id, ' ', '')), {CreditCode})) from {demo.Csv("accounts")}",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2))).Single();
        Assert.Equal(7, regions);
        Assert.Equal(0, badCodes);
        Assert.True(accounts >= 600);
        Assert.Equal(0, demo.Scalar<long>($"select count(*) from {demo.Csv("accounts")} where not (name like '%公司' or name like '%Ltd.' or name like '%Ｌｔｄ．' or name like '%分行')"));
    }

    [Fact]
    public void Same_options_write_byte_identical_files()
    {
        var again = Path.Combine(demo.Root, "again");
        DemoCompany.Write(again, DemoCompanyFixture.Options);
        foreach (var file in demo.Summary.Files)
        {
            Assert.True(File.ReadAllBytes(file.Path).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again, Path.GetFileName(file.Path)))), file.Path);
        }

        var other = Path.Combine(demo.Root, "other");
        DemoCompany.Write(other, DemoCompanyFixture.Options with { Seed = 8, Accounts = 50 });
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(again, "accounts.csv")).Length, File.ReadAllBytes(Path.Combine(other, "accounts.csv")).Length);
    }

    [Fact]
    public void The_summary_counts_the_rows_written()
    {
        foreach (var file in demo.Summary.Files)
        {
            Assert.Equal(file.Rows, File.ReadLines(file.Path).LongCount() - 1);
        }

        Assert.Equal(new DateOnly(2023, 1, 1), demo.Summary.Start);
        Assert.Equal(new DateOnly(2025, 12, 31), demo.Summary.End);
    }

    private static double BreachRate(IEnumerable<DemoTicket> tickets)
    {
        var withSla = tickets.Where(t => t.HasSla).ToList();
        return withSla.Count == 0 ? 0 : withSla.Count(t => t.Breached(Calendar)) / (double)withSla.Count;
    }
}
