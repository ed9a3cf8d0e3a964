-- Grain: one row per company in a group of companies per calendar month in which it ordered, up to as_of.
-- key: account_id, month
-- not null: group_id, orders, revenue
-- references: account_id -> core.accounts.account_id
-- references: group_id -> core.accounts.account_id
-- A group's revenue by month is the sum of its members' rows: net sales to the cent (duplicates' orders included).
with final as (
    select
        g.account_id,
        g.group_id,
        date_trunc('month', o.order_date)::date as month,
        count(*)::integer as orders,
        round(sum(o.net_amount), 2)::decimal(18, 2) as revenue
    from marts.orders o
    join marts.account_merge_map m using (account_id)
    join marts.group_members g on g.account_id = m.master_account_id
    where o.order_date <= (select as_of_date from marts.as_of)
    group by all
)
select * from final
