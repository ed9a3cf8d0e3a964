-- Grain: one row per order. net_amount is the sum of its lines, or the file's amount for an order without lines.
-- key: order_id
-- refresh by: order_id
-- not null: account_id, order_date, line_count
-- references: order_id -> core.orders.order_id
-- references: account_id -> core.accounts.account_id
-- references: contract_id -> core.contracts.contract_id
-- Line sums stay unrounded so totals over many orders agree with the lines to the cent.
-- Each order's lines are summed in a lateral subquery: a refresh of some orders' rows (order_id in a list) filters the
-- orders and then reads only their lines, where a join to the lines grouped by order would group every line first.
with orders as (
    select * from core.orders
), final as (
    select
        o.order_id,
        o.account_id,
        o.order_date,
        o.channel,
        o.contract_id,
        coalesce(t.lines_net_amount, o.amount) as net_amount,
        t.cost_amount,
        t.line_count,
        o.invoice_date,
        o.due_date,
        o.paid_date
    from orders o
    left join lateral (
        -- An order's cost is known only when every line's is: a partial sum would overstate its margin.
        select count(*) as line_count, sum(l.net_amount) as lines_net_amount,
            case when count(l.cost_amount) = count(*) then sum(l.cost_amount) end as cost_amount
        from marts.order_lines l
        where l.order_id = o.order_id
    ) t on true
)
select * from final
