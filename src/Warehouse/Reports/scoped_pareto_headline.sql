-- OData's ParetoHeadline for a region-limited reader: marts.pareto_headline's rule over the visible companies' curve.
with {{scoped_tiers}}, {{scoped_curve}}, setting as (
    select value::decimal(9, 6) as top_share from meta.settings where key = 'pareto.top_share'
), counts as (
    select s.top_share, count(c.rank) as ranked_accounts, ceil(count(c.rank) * s.top_share)::bigint as top_accounts
    from setting s left join scoped_curve c on true
    group by s.top_share
), final as (
    select
        n.top_share,
        n.ranked_accounts,
        n.top_accounts,
        coalesce(c.cumulative_value, 0) as top_value,
        coalesce((select max(cumulative_value) from scoped_curve), 0) as total_value,
        coalesce(c.value_share, 0) as top_value_share,
        (select count(*) from scoped_curve where tier = 'A') as tier_a_accounts
    from counts n
    left join scoped_curve c on c.rank = n.top_accounts
)
select * from final
