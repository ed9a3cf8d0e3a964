-- Grain: one row per order. net_amount is the sum of its lines, or the file's amount for an order without lines.
-- key: order_id
-- refresh by: order_id
-- not null: account_id, order_date, line_count
-- references: order_id -> core.orders.order_id
-- references: account_id -> core.accounts.account_id
-- references: contract_id -> core.contracts.contract_id
-- Line sums stay unrounded so totals over many orders agree with the lines to the cent.
-- Each order's lines are summed alone, grouped by order, and the orders meet those sums in one left join: grouped over
-- a left join of the orders to their lines and joined to the orders again after, the same rows cost 3.8-6.2 CPU s at
-- 50,000 accounts against 2.7-3.8 (two joins of millions of rows to one). A refresh's order ids reach both reads at
-- their refresh marks: a filter on the order id above the join stopped at the group, which then summed every
-- line. A lateral subquery read as little by ids, but was decorrelated in a full build into a join of every line to
-- every order id before the group (6.8-7.3 CPU s at 50,000 accounts, against 4.1-4.9).
with lines as (
    -- An order's cost is known only when every line's is: a partial sum would overstate its margin.
    select
        l.order_id,
        count(*) as line_count,
        sum(l.net_amount) as lines_net_amount,
        case when count(l.cost_amount) = count(*) then sum(l.cost_amount) end as cost_amount
    from marts.order_lines l
    where {{refresh:l.order_id}}
    group by l.order_id
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
    from core.orders o
    left join lines t on t.order_id = o.order_id
    where {{refresh:o.order_id}}
)
select * from final
