-- Grain: one row per order line. net_amount = quantity x unit_price x (1 - discount), unrounded.
-- key: order_id, line_no
-- refresh by: order_id
-- materialized: view
-- A view: it adds two products to core.order_lines, which cost less computed where they are read (orders, revenue
-- by month, OData's OrderLines) than written as a second copy of 3.4 million lines at each refresh.
-- not null: product_id, quantity, unit_price, discount, net_amount
-- references: order_id -> core.orders.order_id
-- references: product_id -> core.products.product_id
with lines as (
    select * from core.order_lines
), final as (
    select
        order_id,
        line_no,
        product_id,
        quantity,
        unit_price,
        unit_cost,
        discount,
        quantity::decimal(38,4) * unit_price * (1 - discount) as net_amount,
        quantity::decimal(38,4) * unit_cost as cost_amount
    from lines
)
select * from final
