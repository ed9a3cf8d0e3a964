-- The company's ($1) net sales and gross margin by calendar month, the last 24 months up to as_of, months without
-- orders included. margin is over the orders whose cost is known; null in a month with none.
with company as (
    select account_id from marts.account_merge_map m where master_account_id = $1 and {{visible:m.account_id}}
), months as (
    select unnest(generate_series((date_trunc('month', as_of_date) - interval 23 month)::date, as_of_date, interval 1 month))::date as month
    from marts.as_of
), orders as (
    select date_trunc('month', o.order_date)::date as month, o.net_amount, o.cost_amount
    from marts.orders o join company c using (account_id)
    where o.order_date <= (select as_of_date from marts.as_of)
), final as (
    select
        m.month,
        coalesce(sum(o.net_amount), 0)::decimal(18,2) as revenue,
        count(o.month) as orders,
        round((sum(o.net_amount) filter (where o.cost_amount is not null) - sum(o.cost_amount))
            / nullif(sum(o.net_amount) filter (where o.cost_amount is not null), 0), 4) as margin
    from months m left join orders o using (month)
    group by m.month
)
select * from final order by month
