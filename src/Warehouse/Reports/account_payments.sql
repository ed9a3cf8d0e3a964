-- The company's ($1) invoices and how they were paid (marts.account_payments summed over its accounts): late ones,
-- overdue ones and their amount, open ones, late fees; a late payer when any of its accounts is.
with company as (
    select account_id from marts.account_merge_map m where master_account_id = $1 and {{visible:m.account_id}}
), final as (
    select
        coalesce(sum(p.invoices), 0)::bigint as invoices,
        coalesce(sum(p.late_invoices), 0)::bigint as late_invoices,
        coalesce(sum(p.overdue), 0)::bigint as overdue_invoices,
        coalesce(sum(p.overdue_amount), 0)::decimal(18,2) as overdue_amount,
        coalesce(sum(p.open_amount), 0)::decimal(18,2) as open_amount,
        coalesce(sum(p.late_fees), 0)::decimal(18,2) as late_fees,
        coalesce(bool_or(p.is_late_payer), false) as is_late_payer
    from marts.account_payments p join company c using (account_id)
)
select * from final
