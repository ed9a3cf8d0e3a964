-- Grain: one row per account.
-- key: account_id
-- not null: master_account_id, is_master, group_accounts
-- references: account_id -> core.accounts.account_id
-- references: master_account_id -> core.accounts.account_id
-- Accounts joined by a merged duplicate pair (marts.account_duplicates: scored above duplicates.merge_score and not
-- rejected, or confirmed by a person), directly or through each other, are one company. Its master
-- is the account created first (unknown created_on last), then the smallest account_id. An account with no
-- duplicate is its own master. Every segmentation mart groups by master_account_id.
with recursive links as (
    select account_id, account_id || '~' || other_account_id as link from marts.account_duplicates where merged
    union all
    select other_account_id, account_id || '~' || other_account_id from marts.account_duplicates where merged
), components(account_id, component) using key (account_id) as (
    select distinct account_id, account_id from links
    union
    (
        with link_minimum as (
            select l.link, min(c.component) as component from links l join recurring.components c using (account_id) group by l.link
        ), account_minimum as (
            select l.account_id, min(m.component) as component from links l join link_minimum m using (link) group by l.account_id
        )
        select a.account_id, a.component
        from account_minimum a join recurring.components c using (account_id)
        where a.component < c.component
    )
), accounts as (
    select account_id, created_on from core.accounts
), groups as (
    select c.component, first(a.account_id order by a.created_on nulls last, a.account_id) as master_account_id, count(*) as accounts
    from components c join accounts a using (account_id)
    group by c.component
), final as (
    select
        a.account_id,
        coalesce(g.master_account_id, a.account_id) as master_account_id,
        coalesce(g.master_account_id, a.account_id) = a.account_id as is_master,
        coalesce(g.accounts, 1) as group_accounts
    from accounts a
    left join components c using (account_id)
    left join groups g using (component)
)
select * from final
