-- Grain: one row per company (master account) in a group of companies (集团客户): it names a parent, or one names it.
-- key: account_id
-- not null: group_id, depth, name, region, tier, value, revenue_12m
-- accepted: tier in (A, B, C)
-- references: account_id -> core.accounts.account_id
-- references: group_id -> core.accounts.account_id
-- references: parent_account_id -> core.accounts.account_id
-- A company's parent is the company of the parent_account_id its master record names, else the one its first merged
-- record (by account_id) names: a parent that is a duplicate record stands for its company, and a company is never its
-- own parent. group_id is the top-most ancestor (depth 0; its children 1, ...). The loader rejects cycles, but merging
-- duplicates can still close one (X's duplicate names Y, Y names X): the loop's smallest id is then the top.
-- A company alone, with no parent and no child, is in no group. value is the company's value in the Pareto window
-- (marts.account_tiers); revenue_12m its net sales in the as_of month and the 11 before it; both to the cent, so a group's
-- totals, their sums, are the sums of the figures its members show.
with recursive merge_map as (
    select account_id, master_account_id from marts.account_merge_map
), linked as (
    -- Each record that names a parent, with its company and its parent's, by equality joins alone; a parent in the same
    -- company is dropped by the aggregate's filter below, which DuckDB cannot move into the joins. As a WHERE it did:
    -- with the merge map (rebuilt earlier in the same refresh) estimated at zero rows, it joined the map to itself on
    -- master <> master first, a nested loop over every pair of records (10 billion at 100,000 accounts: the refresh's
    -- temp files filled the disk).
    select a.account_id, m.master_account_id, p.master_account_id as parent_master_id
    from core.accounts a
    join merge_map m using (account_id)
    join merge_map p on p.account_id = a.parent_account_id
    where a.parent_account_id is not null
), named as (
    select * from (
        select master_account_id as account_id,
            first(parent_master_id order by account_id <> master_account_id, account_id)
                filter (where parent_master_id <> master_account_id) as parent_account_id
        from linked
        group by master_account_id
    )
    where parent_account_id is not null
), walk(account_id, node, path) as (
    select account_id, parent_account_id, [account_id, parent_account_id] from named
    union all
    select w.account_id, n.parent_account_id, list_append(w.path, n.parent_account_id)
    from walk w join named n on n.account_id = w.node
    where not list_contains(w.path, n.parent_account_id)
), chains as (
    -- the whole chain up: it ends at the top, or where its next step would repeat a company (a loop)
    select w.account_id, w.path, n.parent_account_id as next
    from (select account_id, arg_max(path, len(path)) as path from walk group by account_id) w
    left join named n on n.account_id = w.path[len(w.path)]
), tops as (
    select account_id, path,
        case when next is null then path[len(path)] else list_min(list_slice(path, list_position(path, next), len(path))) end as group_id
    from chains
), placed as (
    select account_id, group_id, list_position(path, group_id) - 1 as depth from tops
    union
    select distinct group_id, group_id, 0 from tops
), revenue as (
    select m.master_account_id as account_id, sum(o.net_amount) as revenue_12m
    from marts.orders o
    join merge_map m using (account_id)
    cross join marts.as_of w
    where o.order_date between (date_trunc('month', w.as_of_date) - interval 11 month)::date and w.as_of_date
    group by all
), final as (
    select
        p.account_id,
        p.group_id,
        case when p.depth > 0 then n.parent_account_id end as parent_account_id,
        p.depth::integer as depth,
        a.name,
        coalesce(a.region, '(none)') as region,
        t.tier,
        round(t.value, 2)::decimal(18, 2) as value,
        round(coalesce(r.revenue_12m, 0), 2)::decimal(18, 2) as revenue_12m
    from placed p
    join core.accounts a on a.account_id = p.account_id
    join marts.account_tiers t on t.master_account_id = p.account_id
    left join named n on n.account_id = p.account_id
    left join revenue r on r.account_id = p.account_id
)
select * from final
