-- Grain: one row per month per region per 80/20 tier per product category: an aggregated set for BI tools.
-- key: month, region, tier, category
-- not null: revenue, orders
-- accepted: tier in (A, B, C)
-- Revenue (net sales) of the orders placed up to as_of, by calendar month, by the region and current tier of the
-- company that ordered (its master account's, '(none)' when unknown) and by the product category of each line
-- ('(none)' for a product without one, and for an order recorded without lines, whose file amount counts whole).
-- The dashboard's revenue tile and chart read it, so a BI tool's page and the dashboard show the same numbers; its
-- categories add up to the orders' net_amount exactly. orders counts an order once in each category it holds.
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
        date_trunc('month', p.order_date)::date as month,
        c.region,
        c.tier,
        p.category,
        sum(p.net_amount) as revenue,
        sum(p.quantity) as quantity,
        count(distinct p.order_id) as orders
    from order_parts p
    join marts.account_company c using (account_id)
    where p.order_date <= (select as_of_date from marts.as_of)
    group by all
)
select * from final
