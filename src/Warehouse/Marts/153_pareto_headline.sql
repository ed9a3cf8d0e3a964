-- Grain: one row: the 80/20 headline for the current Pareto window.
-- key: top_share
-- "The top 20% of accounts bring X% of value": top_accounts is pareto.top_share of the ranked accounts
-- (those with a positive value), rounded up, so 89 accounts give 18.
with curve as (
    select * from marts.pareto_curve
), setting as (
    select value::decimal(9, 6) as top_share from meta.settings where key = 'pareto.top_share'
), counts as (
    select s.top_share, count(c.rank) as ranked_accounts, ceil(count(c.rank) * s.top_share)::bigint as top_accounts
    from setting s left join curve c on true
    group by s.top_share
), final as (
    select
        n.top_share,
        n.ranked_accounts,
        n.top_accounts,
        coalesce(c.cumulative_value, 0) as top_value,
        coalesce((select max(cumulative_value) from curve), 0) as total_value,
        coalesce(c.value_share, 0) as top_value_share,
        (select count(*) from curve where tier = 'A') as tier_a_accounts
    from counts n
    left join curve c on c.rank = n.top_accounts
)
select * from final
