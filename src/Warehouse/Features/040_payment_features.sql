-- Grain: one row per master account per cutoff that had an invoice falling due in the year before it.
-- key: master_account_id, cutoff
-- references: master_account_id -> core.accounts.account_id
-- A payment is known once made (paid_date <= cutoff); one made later reads as unpaid. An invoice is late
-- when paid after its due date, or still unpaid at the cutoff past it; days late count to the payment or the
-- cutoff. Due dates are invoice_payments' (the file's, else the invoice date plus the terms).
with cutoffs as (
    select cutoff from feature_cutoffs
), invoices as (
    select m.master_account_id, i.due_date, i.amount, o.paid_date
    from marts.invoice_payments i
    join marts.orders o using (order_id)
    join marts.account_merge_map m on m.account_id = i.account_id
), known as (
    select c.cutoff, i.master_account_id, i.due_date, i.amount,
        case when i.paid_date <= c.cutoff then i.paid_date end as paid_date
    from cutoffs c join invoices i on i.due_date < c.cutoff and i.due_date >= c.cutoff - 365
), judged as (
    select *, greatest(coalesce(paid_date, cutoff) - due_date, 0) as days_late from known
), final as (
    select
        master_account_id,
        cutoff,
        count(*) filter (where days_late > 0)::double as late_invoices_365d,
        (count(*) filter (where days_late > 0) / count(*))::double as late_share_365d,
        avg(days_late)::double as mean_days_late_365d,
        coalesce(sum(amount) filter (where paid_date is null), 0)::double as overdue_amount
    from judged
    group by master_account_id, cutoff
)
select * from final
