-- Revenue (net sales) per calendar month of the window per current 80/20 tier of the company that ordered.
with {{companies}}, final as (
    select date_trunc('month', o.order_date)::date as month, c.tier, sum(o.net_amount) as revenue
    from marts.orders o
    join marts.account_merge_map m using (account_id)
    join companies c using (master_account_id)
    cross join report_window w
    where o.order_date between w.window_start and w.window_end
    group by all
)
select * from final order by month, tier
