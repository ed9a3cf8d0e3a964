-- Grain: one row per master account per calendar month in which it ordered, up to as_of.
-- key: master_account_id, month
-- refresh by: master_account_id, month
-- as_of moves: no row
-- Refreshed by account and month: a touched account's rows change only in the months of its touched orders (a daily
-- file's one month, not every month of a quarter of the accounts).
-- not null: orders, last_order_date
-- references: master_account_id -> core.accounts.account_id
-- value is what the Pareto tiers, levels and RFM rank by (setting pareto.basis): revenue = net_amount, or
-- profit = net_amount - cost_amount, where an order of unknown cost adds no profit rather than all its revenue.
with orders as (
    select * from marts.orders
), merge_map as (
    select account_id, master_account_id from marts.account_merge_map
), basis as (
    select case when value in ('revenue', 'profit') then value else error('pareto.basis must be revenue or profit, not ' || value) end as basis
    from meta.settings where key = 'pareto.basis'
), final as (
    select
        m.master_account_id,
        date_trunc('month', o.order_date)::date as month,
        count(*)::integer as orders,
        sum(case when (select basis from basis) = 'profit' then coalesce(o.net_amount - o.cost_amount, 0) else o.net_amount end) as value,
        max(o.order_date) as last_order_date
    from orders o
    join merge_map m using (account_id)
    where o.order_date <= (select as_of_date from marts.as_of) and {{refresh:m.master_account_id}}
    group by all
)
select * from final
