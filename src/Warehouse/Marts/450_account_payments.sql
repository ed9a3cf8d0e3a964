-- Grain: one row per account with at least one invoice.
-- key: account_id
-- refresh by: account_id
-- not null: invoices, late_invoices, is_late_payer
-- references: account_id -> core.accounts.account_id
-- late: paid late, or unpaid past its due date. average_days_late is over the late invoices (how late, when late).
-- is_late_payer: of the invoices due in the last payments.late_payer_months months up to as-of (due after as-of
-- minus that many months, on or before as-of), leaving out the ones due today and still unpaid, at least
-- payments.late_payer_share were late. No such invoice: not a late payer.
with invoices as (
    select * from marts.invoice_payments where {{refresh:account_id}}
), as_of as (
    select as_of_date from marts.as_of
), settings as (
    select
        (select value::decimal(9,4) from meta.settings where key = 'payments.late_payer_share') as late_payer_share,
        (select value::integer from meta.settings where key = 'payments.late_payer_months') as window_months
), windowed as (
    select i.*,
        i.status in ('paid_late', 'overdue') as is_late,
        i.due_date > (a.as_of_date - to_months(s.window_months))::date and i.due_date <= a.as_of_date
            and i.status <> 'open' as is_in_window
    from invoices i
    cross join as_of a
    cross join settings s
), totals as (
    select
        account_id,
        count(*) as invoices,
        count(*) filter (where status = 'paid_on_time') as paid_on_time,
        count(*) filter (where status = 'paid_late') as paid_late,
        count(*) filter (where status = 'open') as open,
        count(*) filter (where status = 'overdue') as overdue,
        count(*) filter (where is_late) as late_invoices,
        round(avg(days_late) filter (where is_late), 2) as average_days_late,
        coalesce(sum(amount) filter (where status = 'open'), 0)::decimal(18,2) as open_amount,
        coalesce(sum(amount) filter (where status = 'overdue'), 0)::decimal(18,2) as overdue_amount,
        coalesce(sum(late_fee), 0)::decimal(18,2) as late_fees,
        count(*) filter (where is_in_window) as invoices_in_window,
        count(*) filter (where is_in_window and is_late) as late_in_window
    from windowed
    group by account_id
), final as (
    select
        t.*,
        round(t.late_in_window / nullif(t.invoices_in_window, 0), 4) as late_share_in_window,
        t.invoices_in_window > 0 and t.late_in_window >= s.late_payer_share * t.invoices_in_window as is_late_payer
    from totals t
    cross join settings s
)
select * from final
