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
-- The month is taken from the orders before they meet their lines, so that a refresh's months filter the orders first.
-- A whole build groups the lines by order and category before they meet their orders, the category as a number: grouped
-- after the join (by order, account, month and the category's text), the same rows cost 4.2-5.2 CPU s at 50,000
-- accounts, against 3.8-4.7. A refresh of some months meets those months' orders first ({{refreshing:}}): grouped first,
-- every line would be grouped to rebuild one month.
with orders as not materialized (
    select * from (
        select order_id, account_id, date_trunc('month', order_date)::date as month, line_count, net_amount
        from marts.orders
        where order_date <= (select as_of_date from marts.as_of)
    ) o
    -- "or month is null" (never: order_date is not null) makes a refresh's months a filter above the orders' scan
    -- rather than a semi-join: only then does DuckDB give the lines' scan a Bloom filter of these orders' ids, so that
    -- the lines of other months are skipped before their amounts are computed
    where ({{refresh:o.month}} or o.month is null)
), products as (
    select product_id, coalesce(category, '(none)') as category from core.products
), categories as (
    -- each category's number, '(none)' among them (a line whose product has none, or is unknown)
    select category, row_number() over (order by category)::integer as category_no
    from (select category from products union select '(none)')
), lines as (
    select
        l.order_id,
        coalesce(p.category_no, (select category_no from categories where category = '(none)')) as category_no,
        l.net_amount,
        l.quantity
    from marts.order_lines l
    -- the 50 products are the join's build side
    left join (select product_id, category_no from products join categories using (category)) p on p.product_id = l.product_id
), order_categories as (
    -- orders counts an order once in each category it holds: one row per order and category
    {{whole:
    select o.account_id, o.month, l.category_no, l.net_amount, l.quantity
    from (
        select order_id, category_no, sum(net_amount) as net_amount, sum(quantity) as quantity
        from lines
        group by order_id, category_no
    ) l
    join orders o using (order_id)
    }}
    {{refreshing:
    select o.account_id, o.month, l.category_no, sum(l.net_amount) as net_amount, sum(l.quantity) as quantity
    from orders o
    join lines l using (order_id)
    group by o.order_id, o.account_id, o.month, l.category_no
    }}
    union all
    select o.account_id, o.month, (select category_no from categories where category = '(none)'), o.net_amount, null
    from orders o
    where o.line_count = 0 and o.net_amount is not null
), grouped as (
    select
        account_id,
        month,
        category_no,
        sum(net_amount) as revenue,
        sum(quantity) as quantity,
        count(*) as orders
    from order_categories
    group by account_id, month, category_no
), final as (
    select g.account_id, g.month, c.category, g.revenue, g.quantity, g.orders
    from grouped g
    join categories c using (category_no)
)
select * from final
