-- The ten companies with the most revenue (net sales) in the window, with their share of the selection's revenue.
with {{companies}}, revenue as (
    select c.master_account_id, c.name, c.tier, c.region, sum(o.net_amount) as revenue
    from marts.orders o
    join marts.account_merge_map m using (account_id)
    join companies c using (master_account_id)
    cross join report_window w
    where o.order_date between w.window_start and w.window_end
    group by all
), final as (
    select *, revenue / sum(revenue) over () as share
    from revenue
    qualify row_number() over (order by revenue desc, master_account_id) <= 10
)
select * from final order by revenue desc, master_account_id
