-- Grain: one row per group of companies (集团客户): a top-most company and every company below it.
-- key: group_id
-- not null: name, region, member_count, value, revenue_12m, tier
-- accepted: tier in (A, B, C)
-- references: group_id -> core.accounts.account_id
-- The group's figures are its members' sums (marts.group_members), exactly. Its 80/20 tier follows the companies'
-- rule (pareto.cut_a, pareto.cut_b) over the book seen as customers: each group counts once, with its members' value,
-- and each company in no group on its own; rank is the group's place in that ranking (null with no positive value).
-- name and region are the top company's.
with members as (
    select * from marts.group_members
), settings as (
    select
        (max(value) filter (where key = 'pareto.cut_a'))::decimal(9, 6) as cut_a,
        (max(value) filter (where key = 'pareto.cut_b'))::decimal(9, 6) as cut_b
    from meta.settings
), units as (
    select group_id as unit_id, sum(value) as value from members group by group_id
    union all
    select master_account_id, value from marts.account_tiers where master_account_id not in (select account_id from members)
), ranked as (
    select
        unit_id,
        value,
        case when value > 0 then row_number() over (w order by value desc, unit_id) end as rank,
        case when value > 0 then sum(value) over (w order by value desc, unit_id rows unbounded preceding) end as cumulative_value,
        case when value > 0 then sum(value) over w end as total_value
    from units
    window w as (partition by value > 0)
), tiered as (
    select
        r.unit_id,
        r.rank,
        case
            when r.rank is null then 'C'
            when r.cumulative_value - r.value < s.cut_a * r.total_value then 'A'
            when r.cumulative_value - r.value < s.cut_b * r.total_value then 'B'
            else 'C'
        end as tier
    from ranked r cross join settings s
), final as (
    select
        m.group_id,
        a.name,
        coalesce(a.region, '(none)') as region,
        count(*) as member_count,
        max(m.depth) as levels_below,
        sum(m.value) as value,
        sum(m.revenue_12m) as revenue_12m,
        t.rank,
        t.tier
    from members m
    join core.accounts a on a.account_id = m.group_id
    join tiered t on t.unit_id = m.group_id
    group by all
)
select * from final
