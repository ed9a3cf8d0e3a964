-- The dashboard's groups panel: the ten groups of companies (集团客户) with the most revenue (net sales) in the window,
-- counting only the members in the selection (the caller's regions, the tier and region chosen); members is how many
-- of them. The tier is the group's own 80/20 tier (marts.groups); group_id is its top company, the page it links to.
with {{companies}}, revenue as (
    select m.master_account_id, sum(o.net_amount) as revenue
    from marts.orders o
    join marts.account_merge_map m using (account_id)
    cross join report_window w
    where o.order_date between w.window_start and w.window_end
    group by all
), members as (
    select g.group_id, coalesce(r.revenue, 0) as revenue
    from marts.group_members g
    join companies c on c.master_account_id = g.account_id
    left join revenue r on r.master_account_id = g.account_id
), final as (
    select m.group_id, gr.name, gr.tier, count(*) as members, sum(m.revenue) as revenue
    from members m
    join marts.groups gr using (group_id)
    group by m.group_id, gr.name, gr.tier
)
select * from final order by revenue desc, group_id limit 10
