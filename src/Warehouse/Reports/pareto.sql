-- The 80/20 curve of the selected companies over the window: value (setting pareto.basis, as the marts rank by)
-- per company, largest first, ties by account id; value_share is of the companies on the curve (positive value).
-- top_accounts: how many make the top pareto.top_share of them, rounded up (the headline's count).
with {{companies}}, valued as (
    select c.master_account_id, c.name, c.tier, sum(m.value) as value
    from companies c
    join marts.account_order_months m using (master_account_id)
    cross join report_window w
    where m.month >= w.window_start
    group by all
    having sum(m.value) > 0
), ranked as (
    select *,
        row_number() over (order by value desc, master_account_id) as rank,
        sum(value) over (order by value desc, master_account_id rows unbounded preceding) as cumulative_value
    from valued
), final as (
    select
        rank,
        master_account_id,
        name,
        tier,
        value,
        cumulative_value,
        rank / count(*) over () as account_share,
        cumulative_value / sum(value) over () as value_share,
        ceil(count(*) over () * (select value::decimal(9, 6) from meta.settings where key = 'pareto.top_share'))::bigint as top_accounts
    from ranked
)
select * from final order by rank
