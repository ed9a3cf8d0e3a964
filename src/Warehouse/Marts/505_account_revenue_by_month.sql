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
-- The month is taken from the orders before they meet their lines, so that a refresh's month list filters the
-- orders first (a filter on the month of the joined rows was applied after joining every line).
with orders as not materialized (
    select order_id, account_id, date_trunc('month', order_date)::date as month, line_count, net_amount
    from marts.orders
    where order_date <= (select as_of_date from marts.as_of)
), order_categories as (
    -- an order's lines by category first: counting orders with count(distinct) over millions of groups cost twice as much
    select o.order_id, o.account_id, o.month, coalesce(l.category, '(none)') as category,
        sum(l.net_amount) as net_amount, sum(l.quantity) as quantity
    from orders o
    join (
        -- each line meets its product first, so the 50 products are the join's build side: joined after the orders,
        -- the product join was built on the 3.4 million joined lines (1.3 s at 50,000 accounts)
        select l.order_id, l.net_amount, l.quantity, p.category
        from marts.order_lines l
        left join core.products p using (product_id)
    ) l using (order_id)
    group by all
    union all
    select o.order_id, o.account_id, o.month, '(none)', o.net_amount, null
    from orders o
    where o.line_count = 0 and o.net_amount is not null
), final as (
    select
        account_id,
        month,
        category,
        sum(net_amount) as revenue,
        sum(quantity) as quantity,
        count(*) as orders
    from order_categories
    group by account_id, month, category
)
select * from final
