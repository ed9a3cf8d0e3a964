-- Grain: one row per order. net_amount is the sum of its lines, or the file's amount for an order without lines.
-- key: order_id
-- refresh by: order_id
-- not null: account_id, order_date, line_count
-- references: order_id -> core.orders.order_id
-- references: account_id -> core.accounts.account_id
-- references: contract_id -> core.contracts.contract_id
-- Line sums stay unrounded so totals over many orders agree with the lines to the cent.
with orders as (
    select * from core.orders
), line_totals as (
    -- An order's cost is known only when every line's is: a partial sum would overstate its margin.
    select order_id, count(*) as line_count, sum(net_amount) as lines_net_amount,
           case when count(cost_amount) = count(*) then sum(cost_amount) end as cost_amount
    from marts.order_lines
    group by order_id
), final as (
    select
        o.order_id,
        o.account_id,
        o.order_date,
        o.channel,
        o.contract_id,
        coalesce(t.lines_net_amount, o.amount) as net_amount,
        t.cost_amount,
        coalesce(t.line_count, 0) as line_count,
        o.invoice_date,
        o.due_date,
        o.paid_date
    from orders o
    left join line_totals t using (order_id)
)
select * from final
