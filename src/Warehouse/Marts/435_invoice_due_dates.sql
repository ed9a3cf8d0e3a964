-- Grain: one row per invoiced order (one with an invoice_date or a due_date): the day it falls due and why.
-- key: order_id
-- refresh by: order_id
-- not null: account_id, due_date, due_date_source
-- accepted: due_date_source in (file, terms, settlement)
-- references: order_id -> core.orders.order_id
-- references: account_id -> core.accounts.account_id
-- references: contract_id -> core.contracts.contract_id
-- due_date: the file's; else the agreement's payment clause (八、付款) under the order's contract's terms
-- (contract_rules), or the payments.default_* terms for an order without a contract:
--   settlement  regular deliveries (channel schedule, 每月定时配送) of a contract with a settlement_day settle monthly,
--               "常用产品实行月结,在每月X号前汇款": due on that day of the month after the invoice's month (the
--               month's last day when shorter); no shift for holidays, the clause names a day of the month.
--   terms       every other order: "收到乙方开出的商业发票后的3个工作日内汇款": invoice_date + payment_terms_days,
--               counted from the day after the invoice (民法典 art. 201) in working days (payment_terms_basis
--               working: payments.working_weekdays outside the contract's holiday calendar's holidays, plus its
--               make-up working days 调休上班, from marts.service_days) or calendar days.
-- calendar_covered is false when a working day counted lies in a year the holiday calendar does not cover.
with orders as not materialized (
    -- read twice (through termed), so DuckDB would materialise it: a copy of every invoice, for nothing
    -- a refresh's order ids reach the scan here through the mark, a semi-join with their table, where a list of literals
    -- on the result was pushed down as an IN list of thousands (17,537 after a 1% daily file at 50,000 accounts)
    select * from marts.orders where (invoice_date is not null or due_date is not null) and {{refresh:order_id}}
), rules as (
    select * from marts.contract_rules
), days as (
    select * from marts.service_days
), working_days as (
    -- each working day by one key: its calendar and the count of working days before it
    select
        holiday_calendar || '|' || service_weekdays || '|' || service_days_before as due_key,
        service_date,
        uncovered_days_before + (not calendar_covered)::integer as uncovered_through
    from days
    where is_service_day
), settings as (
    select
        (select value::integer from meta.settings where key = 'payments.default_terms_days') as terms_days,
        (select value from meta.settings where key = 'payments.default_terms_basis') as terms_basis,
        (select value::integer from meta.settings where key = 'payments.default_settlement_day') as settlement_day,
        (select value from meta.settings where key = 'payments.working_weekdays') as working_weekdays,
        (select value from meta.settings where key = 'sla.default_holiday_calendar') as holiday_calendar
), termed as not materialized (
    -- read twice, so DuckDB would materialise it, and a refresh's order ids would stop above it: a long IN list
    -- checked row by row over every invoice (393 s after a 1% daily file at 50,000 accounts)
    select
        o.*,
        case when r.contract_id is null then s.terms_days else r.payment_terms_days end as terms_days,
        case when r.contract_id is null then s.terms_basis else r.payment_terms_basis end as terms_basis,
        case when o.channel = 'schedule' then case when r.contract_id is null then s.settlement_day else r.settlement_day end end as settlement_day,
        coalesce(r.holiday_calendar, s.holiday_calendar) as holiday_calendar,
        s.working_weekdays
    from orders o
    -- the contract's terms and its holiday calendar met first (contract_rules has one row per contract, from
    -- core.contracts), so the invoices meet 22,000 contracts once: two joins to the invoices' side were built on the
    -- 1.7 million invoices (0.96 s at 50,000 accounts)
    left join (
        select r.contract_id, r.payment_terms_days, r.payment_terms_basis, r.settlement_day, c.holiday_calendar
        from rules r
        join core.contracts c using (contract_id)
    ) r on r.contract_id = o.contract_id
    cross join settings s
), invoice_days as (
    -- the Nth working day after the invoice is the working day with N - 1 more working days before it than the
    -- invoice day has up to and including itself. The due day's key needs the invoice and its day both, so the
    -- invoices meet their day first: joined on the calendar alone, every day of a calendar would meet every other
    -- day of it before any invoice does. Not materialised: a refresh's order ids reach the orders beneath.
    select
        t.order_id,
        t.holiday_calendar || '|' || t.working_weekdays || '|' || (i.service_days_before + i.is_service_day::integer + t.terms_days - 1) as due_key,
        i.uncovered_days_before + (not i.calendar_covered)::integer as uncovered_through_invoice
    from termed t
    join days i on i.holiday_calendar = t.holiday_calendar and i.service_weekdays = t.working_weekdays and i.service_date = t.invoice_date
    where t.due_date is null and t.settlement_day is null and t.terms_basis = 'working' and t.terms_days > 0
), counted as (
    select
        x.order_id,
        w.service_date as working_due_date,
        w.uncovered_through - x.uncovered_through_invoice = 0 as calendar_covered
    from invoice_days x
    join working_days w using (due_key)
), final as (
    select
        t.order_id,
        t.account_id,
        t.contract_id,
        t.invoice_date,
        case
            when t.due_date is not null then t.due_date
            when t.settlement_day is not null then (date_trunc('month', t.invoice_date) + interval 1 month)::date
                + (least(t.settlement_day, day(last_day((date_trunc('month', t.invoice_date) + interval 1 month)::date))) - 1)::integer
            when t.terms_basis = 'working' and t.terms_days > 0 then c.working_due_date
            else t.invoice_date + t.terms_days
        end as due_date,
        case when t.due_date is not null then 'file' when t.settlement_day is not null then 'settlement' else 'terms' end as due_date_source,
        c.calendar_covered,
        t.net_amount,
        t.paid_date
    from termed t
    left join counted c using (order_id)
)
select * from final
