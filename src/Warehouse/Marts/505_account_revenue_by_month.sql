-- Grain: one row per account per calendar month per product category in which it ordered, up to as_of.
-- key: account_id, month, category
-- refresh by: month
-- as_of moves: no row
-- not null: revenue, orders
-- references: account_id -> core.accounts.account_id
-- Revenue (net sales), quantity and orders of an account's orders by calendar month and product category ('(none)'
-- for a product without one, and for an order recorded without lines, whose file amount counts whole); orders counts
-- an order once in each category it holds. revenue_by_month adds these up by the company's region and current tier:
-- a month's rows here read only that month's orders, so after a load only the months of the orders it wrote or
-- replaced are rebuilt, where a tier that moved changes revenue_by_month's rows in every month.
with lines as (
    select l.order_id, coalesce(p.category, '(none)') as category, l.net_amount, l.quantity
    from marts.order_lines l left join core.products p using (product_id)
), order_parts as (
    select o.order_id, o.account_id, o.order_date, l.category, l.net_amount, l.quantity
    from marts.orders o join lines l using (order_id)
    union all
    select o.order_id, o.account_id, o.order_date, '(none)', o.net_amount, null
    from marts.orders o
    where o.line_count = 0 and o.net_amount is not null
), final as (
    select
        p.account_id,
        date_trunc('month', p.order_date)::date as month,
        p.category,
        sum(p.net_amount) as revenue,
        sum(p.quantity) as quantity,
        count(distinct p.order_id) as orders
    from order_parts p
    where p.order_date <= (select as_of_date from marts.as_of)
    group by all
)
select * from final
