-- Grain: one row per invoiced order (one with an invoice_date or a due_date).
-- key: order_id
-- refresh by: order_id
-- as_of moves: rows where status in ('open', 'overdue')
-- A table, not a view: as a view (measured at 50,000 accounts) the refresh saved 2-6 CPU s, but every reader of the
-- whole set paid for amount's round of a DECIMAL(38,14) (about 1 us a row): OData's first page 0.07 -> 0.75 s, a sum
-- over the set 0.01 -> 1.4 CPU s. It would be a cheap view if invoice_due_dates carried the amount as DECIMAL(18,2).
-- not null: account_id, due_date, due_date_source, status, days_late
-- accepted: status in (open, paid_on_time, paid_late, overdue)
-- accepted: due_date_source in (file, terms, settlement)
-- references: order_id -> core.orders.order_id
-- references: account_id -> core.accounts.account_id
-- references: contract_id -> core.contracts.contract_id
-- due_date, due_date_source and calendar_covered are invoice_due_dates' (the file's day, else the payment clause).
-- A payment after the as-of day is not known yet: paid_date is null and the invoice open or overdue. Paid on the
-- due date is on time. days_late: paid_date - due_date for a late payment, as-of - due_date for an unpaid one past
-- due, else 0. late_fee: amount x payments.late_fee_per_day x days_late, to the cent, shown as information (0.1% a
-- day, 滞纳金), not booked.
with invoices as (
    -- a refresh's order ids (when as_of moves, also every open or overdue invoice: 57,334 after a daily file at 50,000
    -- accounts) meet the scan through the mark, a semi-join with their table, not a list of literals on the result
    select * from marts.invoice_due_dates where {{refresh:order_id}}
), as_of as (
    select as_of_date from marts.as_of
), settings as (
    select (select value::decimal(9,6) from meta.settings where key = 'payments.late_fee_per_day') as late_fee_per_day
), dated as (
    select
        i.order_id,
        i.account_id,
        i.contract_id,
        i.invoice_date,
        i.due_date,
        i.due_date_source,
        i.calendar_covered,
        round(i.net_amount, 2)::decimal(18,2) as amount,
        case when i.paid_date <= a.as_of_date then i.paid_date end as paid_date,
        a.as_of_date,
        s.late_fee_per_day
    from invoices i
    cross join as_of a
    cross join settings s
), judged as (
    select *,
        case
            when paid_date <= due_date then 'paid_on_time'
            when paid_date is not null then 'paid_late'
            when as_of_date > due_date then 'overdue'
            else 'open'
        end as status,
        greatest(coalesce(paid_date, as_of_date) - due_date, 0) as days_late
    from dated
), final as (
    select
        order_id,
        account_id,
        contract_id,
        invoice_date,
        due_date,
        due_date_source,
        calendar_covered,
        amount,
        paid_date,
        status,
        days_late,
        -- most invoices are not late (1.41 of 1.74 million at 50,000 accounts): their fee is 0 without the product and
        -- round, each a 128-bit operation (DECIMAL(18,2) x DECIMAL(9,6) x days); a null amount or rate stays null
        case when days_late = 0 and amount is not null and late_fee_per_day is not null then 0::decimal(18,2)
            else round(amount * late_fee_per_day * days_late, 2)::decimal(18,2) end as late_fee
    from judged
)
select * from final
