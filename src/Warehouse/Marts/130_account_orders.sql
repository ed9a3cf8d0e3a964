-- Grain: one row per order placed on or before as_of, under the master account of its account.
-- key: order_id
-- value is what the Pareto tiers, levels and RFM rank by (setting pareto.basis): revenue = net_amount, or
-- profit = net_amount - cost_amount; an order of unknown cost adds no profit rather than all of its revenue.
with orders as (
    select * from marts.orders
), merge_map as (
    select account_id, master_account_id from marts.account_merge_map
), basis as (
    select case when value in ('revenue', 'profit') then value else error('pareto.basis must be revenue or profit, not ' || value) end as basis
    from meta.settings where key = 'pareto.basis'
), final as (
    select
        o.order_id,
        o.account_id,
        m.master_account_id,
        o.order_date,
        date_trunc('month', o.order_date)::date as month,
        o.net_amount as revenue,
        o.net_amount - o.cost_amount as profit,
        case when (select basis from basis) = 'profit' then coalesce(o.net_amount - o.cost_amount, 0) else o.net_amount end as value
    from orders o
    join merge_map m using (account_id)
    where o.order_date <= (select as_of_date from marts.as_of)
)
select * from final
