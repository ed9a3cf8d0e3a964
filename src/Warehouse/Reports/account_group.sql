-- The company's ($1) group of companies (集团客户, marts.group_members): every member the caller may see, top first,
-- with its relation to the company: self, parent, child (a direct subsidiary) or member. No rows: it is in no group.
-- group_name is the group's top company's name, shown even where that company is another region's (it names the group).
with own as (
    select group_id, parent_account_id from marts.group_members where account_id = $1
), final as (
    select
        g.account_id, g.name, g.group_id, gr.name as group_name, g.depth, g.region, g.tier, g.revenue_12m,
        case
            when g.account_id = $1 then 'self'
            when g.account_id = o.parent_account_id then 'parent'
            when g.parent_account_id = $1 then 'child'
            else 'member'
        end as relation
    from marts.group_members g
    join own o using (group_id)
    join marts.groups gr using (group_id)
    where {{visible:g.account_id}}
)
select * from final order by depth, account_id
