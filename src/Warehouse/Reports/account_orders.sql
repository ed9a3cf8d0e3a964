-- The company's ($1) ten latest orders up to as_of, with their invoice's payment state (marts.invoice_payments).
with company as (
    select account_id from marts.account_merge_map m where master_account_id = $1 and {{visible:m.account_id}}
), final as (
    select o.order_id, o.account_id, o.order_date, o.channel, o.contract_id, o.net_amount, o.line_count, o.due_date, o.paid_date, i.status as payment_status
    from marts.orders o
    join company c using (account_id)
    left join marts.invoice_payments i using (order_id)
    where o.order_date <= (select as_of_date from marts.as_of)
)
select * from final order by order_date desc, order_id desc limit 10
